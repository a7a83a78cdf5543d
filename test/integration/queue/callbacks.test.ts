// Callbacks to users: the four delivery_report kinds, Sinch-signed, retried on 5xx/429, never on other 4xx.
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createPlan } from "../../helpers/gateway";
import { drain, queueOf, runUntil, setClock } from "../../helpers/queue";

interface Call {
  headers: Record<string, string>;
  body: string;
  status: number;
}

const inbox = () => `inbox-${crypto.randomUUID()}`;
const calls = async (name: string): Promise<Call[]> =>
  (await fetch(`${env.TEST_RECEIVER_URL}/__calls/${name}`)).json();

/** Computed here independently of src/: what Sinch's SDK validators check. */
async function expectedSignature(secret: string, call: Call): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const nonce = call.headers["x-sinch-webhook-signature-nonce"];
  const timestamp = call.headers["x-sinch-webhook-signature-timestamp"];
  const mac = await crypto.subtle.sign(
    "HMAC",
    key,
    new TextEncoder().encode(`${call.body}.${nonce}.${timestamp}`),
  );
  return btoa(String.fromCharCode(...new Uint8Array(mac)));
}

async function sendWithReport(deliveryReport: string, callbackUrl?: string) {
  const name = inbox();
  const plan = await createPlan({ callback_url: `${env.TEST_RECEIVER_URL}/${name}` });
  const batch = (
    await plan.rest("POST", "/batches", {
      from: "12345",
      to: ["46700001111", "46700009500"],
      body: "x",
      delivery_report: deliveryReport,
      client_reference: "cr-1",
      ...(callbackUrl && { callback_url: callbackUrl }),
    })
  ).body;
  await drain(plan.id);
  return { plan, batch, name };
}

describe("delivery report callbacks", () => {
  it("per_recipient: one signed recipient report per status change", async () => {
    const { plan, batch, name } = await sendWithReport("per_recipient");
    const received = await calls(name);
    const bodies = received.map((c) => JSON.parse(c.body));
    expect(bodies.map((b) => `${b.recipient}:${b.status}:${b.code}`).sort()).toEqual([
      "46700001111:Delivered:0",
      "46700001111:Dispatched:401",
      "46700009500:Dispatched:401",
      "46700009500:Failed:15",
    ]);
    expect(bodies[0]).toMatchObject({
      type: "recipient_delivery_report_sms",
      batch_id: batch.id,
      client_reference: "cr-1",
    });
    for (const call of received) {
      expect(call.headers["content-type"]).toBe("application/json");
      expect(call.headers["x-sinch-webhook-signature"]).toBe(
        await expectedSignature(plan.webhookSecret, call),
      );
      expect(
        Math.abs(Number(call.headers["x-sinch-webhook-signature-timestamp"]) - Date.now() / 1000),
      ).toBeLessThan(120);
    }
  });

  it("per_recipient_final: one report per recipient, at its final status", async () => {
    const { name } = await sendWithReport("per_recipient_final");
    const bodies = (await calls(name)).map((c) => JSON.parse(c.body));
    expect(bodies.map((b) => `${b.recipient}:${b.status}`).sort()).toEqual([
      "46700001111:Delivered",
      "46700009500:Failed",
    ]);
  });

  it("summary and full: one batch report when every recipient is final", async () => {
    const summary = await sendWithReport("summary");
    const [s] = (await calls(summary.name)).map((c) => JSON.parse(c.body));
    expect(await calls(summary.name)).toHaveLength(1);
    expect(s).toEqual({
      type: "delivery_report_sms",
      batch_id: summary.batch.id,
      client_reference: "cr-1",
      total_message_count: 2,
      statuses: [
        { code: 0, status: "Delivered", count: 1 },
        { code: 15, status: "Failed", count: 1 },
      ],
    });
    const full = await sendWithReport("full");
    const [f] = (await calls(full.name)).map((c) => JSON.parse(c.body));
    expect(f.statuses).toEqual([
      { code: 0, status: "Delivered", count: 1, recipients: ["46700001111"] },
      { code: 15, status: "Failed", count: 1, recipients: ["46700009500"] },
    ]);
  });

  it("the batch's callback_url wins over the plan's; none calls nobody", async () => {
    const own = inbox();
    const { name } = await sendWithReport("summary", `${env.TEST_RECEIVER_URL}/${own}`);
    expect(await calls(name)).toHaveLength(0);
    expect(await calls(own)).toHaveLength(1);
    const silent = await sendWithReport("none");
    expect(await calls(silent.name)).toHaveLength(0);
  });
});

describe("retries", () => {
  async function failingPlan(status: number, times: number) {
    const name = inbox();
    const plan = await createPlan({
      callback_url: `${env.TEST_RECEIVER_URL}/${name}?fail=${status}&times=${times}`,
    });
    const t0 = Date.now() + 1_000;
    await setClock(plan.id, t0);
    await plan.rest("POST", "/batches", {
      from: "12345",
      to: ["46700001111"],
      body: "x",
      delivery_report: "summary",
    });
    await runUntil(plan.id, async () => (await calls(name)).length >= 1);
    return { plan, name, t0 };
  }

  it("5xx and 429 retry after 5 s, then 10 s, until a 2xx", async () => {
    for (const status of [500, 429]) {
      const { plan, name, t0 } = await failingPlan(status, 2);
      expect((await calls(name)).map((c) => c.status)).toEqual([status]);
      await setClock(plan.id, t0 + 4_999);
      await runDurableObjectAlarm(queueOf(plan.id));
      expect(await calls(name)).toHaveLength(1);
      await setClock(plan.id, t0 + 5_000);
      await runUntil(plan.id, async () => (await calls(name)).length >= 2);
      await setClock(plan.id, t0 + 15_000);
      await runUntil(plan.id, async () => (await calls(name)).length >= 3);
      expect((await calls(name)).map((c) => c.status)).toEqual([status, status, 200]);
      await drain(plan.id);
      expect((await plan.rpc.batches.list.query()).count).toBe(1);
    }
  });

  it("a 400 is not retried", async () => {
    const { plan, name, t0 } = await failingPlan(400, 5);
    await setClock(plan.id, t0 + 100_000_000);
    await drain(plan.id);
    expect((await calls(name)).map((c) => c.status)).toEqual([400]);
  });
});
