// Vitest global setup (Node): a real HTTP callback receiver on localhost that records calls and can fail on purpose.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

/** What a careful receiver does (docs/callbacks.md): a valid signature over the raw body, a fresh timestamp. */
function signedAndFresh(secret, body, headers) {
  const nonce = headers["x-sinch-webhook-signature-nonce"];
  const timestamp = headers["x-sinch-webhook-signature-timestamp"];
  const expected = createHmac("sha256", secret).update(`${body}.${nonce}.${timestamp}`).digest();
  const given = Buffer.from(headers["x-sinch-webhook-signature"] ?? "", "base64");
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * POST /<inbox>?fail=<status>&times=<n> records the call, answers <status> for the first n calls to
 * that inbox and 200 after (with a body of <reply_bytes> bytes, if given); with ?verify=<secret> it answers 401
 * to a call not signed with that secret or signed more than 5 minutes ago. A POST to a path ending in /batches
 * answers like Sinch's send: 201 with a batch id (the receiver stands in for Sinch's REST API).
 * GET /__calls/<inbox> returns what the inbox received.
 */
export default async function setup(project) {
  const inboxes = new Map();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      if (req.method === "GET" && url.pathname.startsWith("/__calls/")) {
        const calls = inboxes.get(url.pathname.slice("/__calls/".length)) ?? [];
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(calls));
        return;
      }
      const inbox = url.pathname.slice(1);
      const calls = inboxes.get(inbox) ?? [];
      inboxes.set(inbox, calls);
      const failures = Number(url.searchParams.get("times") ?? "0");
      const body = Buffer.concat(chunks).toString("utf8");
      const secret = url.searchParams.get("verify");
      let status = calls.length < failures ? Number(url.searchParams.get("fail")) : 200;
      if (secret !== null && !signedAndFresh(secret, body, req.headers)) status = 401;
      calls.push({ headers: req.headers, body, status });
      if (req.method === "POST" && url.pathname.endsWith("/batches")) {
        const id = `SINCH${randomUUID().replaceAll("-", "").slice(0, 21).toUpperCase()}`;
        const sent = JSON.parse(body || "{}");
        res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ ...sent, id }));
        return;
      }
      res.writeHead(status).end("r".repeat(Number(url.searchParams.get("reply_bytes") ?? "0")));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  project.provide("receiverUrl", `http://127.0.0.1:${port}`);
  return () => new Promise((resolve) => server.close(resolve));
}
