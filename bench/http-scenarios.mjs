// The HTTP scenarios: request builders and checks for /health, REST sendBatch (now / 1 h ahead), tRPC, 1000-recipient send, list.
const SEND_BODY = JSON.stringify({ from: "12345", to: ["46700000001"], body: "bench" });
const HOUR_MS = 3_600_000;

/** A failed check returns a short description (counted as an error), success returns true. */
const expect = (res, status, what) =>
  res.status === status ? true : `${what}: HTTP ${res.status} ${res.body.slice(0, 200)}`;

export function scenarios(client, { planId, token }) {
  const rest = `/xms/v1/${planId}`;
  const restHeaders = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const trpcHeaders = { ...restHeaders, "x-service-plan-id": planId };
  // One hour ahead of when the scenarios are built: still in the future for the whole run.
  const laterBody = JSON.stringify({
    ...JSON.parse(SEND_BODY),
    send_at: new Date(Date.now() + HOUR_MS).toISOString(),
  });

  return {
    /** (a) The ceiling: same router, no D1. */
    health: async () => expect(await client.request("GET", "/health"), 200, "GET /health"),

    /** (b) REST sendBatch, one recipient. */
    restSend: async () =>
      expect(
        await client.request("POST", `${rest}/batches`, { headers: restHeaders, body: SEND_BODY }),
        201,
        "POST batches",
      ),

    /** (b2) REST sendBatch, one recipient, scheduled 1 h ahead: acceptance only, no delivery work meanwhile. */
    restSendLater: async () =>
      expect(
        await client.request("POST", `${rest}/batches`, { headers: restHeaders, body: laterBody }),
        201,
        "POST batches (send_at +1 h)",
      ),

    /** (c) tRPC batches.send (v11 httpLink wire format: the raw input JSON as the body, result in result.data). */
    trpcSend: async () => {
      const res = await client.request("POST", "/trpc/batches.send", {
        headers: trpcHeaders,
        body: SEND_BODY,
      });
      if (res.status !== 200) return expect(res, 200, "tRPC batches.send");
      return res.body.startsWith('{"result":{"data":{') || `tRPC batches.send: ${res.body.slice(0, 200)}`;
    },

    /** REST send with 1000 distinct recipients (distinct across iterations as well). */
    bigSend: async (iteration) => {
      const base = 46_720_000_000 + iteration * 1000;
      const to = Array.from({ length: 1000 }, (_, i) => String(base + i));
      const body = JSON.stringify({ from: "12345", to, body: "bench" });
      const res = await client.request("POST", `${rest}/batches`, { headers: restHeaders, body });
      if (res.status !== 201) return expect(res, 201, "POST batches (1000 recipients)");
      const n = JSON.parse(res.body).to?.length;
      return n === 1000 || `POST batches (1000 recipients): batch has ${n} recipients`;
    },

    /** GET a page of 100 batches; fails unless the page is full. */
    list100: async () => {
      const res = await client.request("GET", `${rest}/batches?page_size=100`, { headers: restHeaders });
      if (res.status !== 200) return expect(res, 200, "GET batches?page_size=100");
      const n = JSON.parse(res.body).batches?.length;
      return n === 100 || `GET batches?page_size=100: got ${n} items`;
    },
  };
}
