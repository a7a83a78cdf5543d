// Concurrent and replayed Sinch MO webhooks: one inbound and one customer callback, whatever arrives at once.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { queueOf, runUntil } from "../../helpers/queue";
import { inboxCalls, inboxUrl } from "../../helpers/receiver";
import { postWebhook, SECRET, signed, sinchPlan } from "../../helpers/sinch-webhook";

const moBody = (id: string) =>
  JSON.stringify({ type: "mo_text", id, from: "12015555555", to: "12017777777", body: "Hello" });

async function planWithInbox() {
  const name = `mo-replay-${crypto.randomUUID()}`;
  const { plan } = await sinchPlan(SECRET, { callback_url: inboxUrl(name) });
  return { plan, name };
}

/** Once the queue holds no callback any more: how many MO callbacks the receiver got. */
async function deliveredCallbacks(planId: string, name: string): Promise<number> {
  await runUntil(
    planId,
    async () => (await queueOf(planId).stats()).callbacks === 0 && (await inboxCalls(name)).length >= 1,
  );
  return (await inboxCalls(name)).length;
}

describe("Sinch MO replays", { timeout: 30_000 }, () => {
  it("five copies of one signed request at once: one is applied, the others are refused as replays", async () => {
    const { plan, name } = await planWithInbox();
    const body = moBody(`MO-${crypto.randomUUID()}`);
    const headers = await signed(SECRET, body);
    const results = await Promise.all(Array.from({ length: 5 }, () => postWebhook(plan.id, body, headers)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401]);
    for (const r of results.filter((x) => x.status === 401))
      expect(JSON.parse(r.text)).toEqual({
        code: "unauthorized",
        text: "Invalid or missing webhook signature",
      });
    expect((await plan.rest("GET", "/inbounds")).body.count).toBe(1);
    expect(await deliveredCallbacks(plan.id, name)).toBe(1);
  });

  it("five deliveries of one MO, each freshly signed, at once: one inbound, one callback; busy copies retry", async () => {
    const { plan, name } = await planWithInbox();
    const body = moBody(`MO-${crypto.randomUUID()}`);
    const copies = await Promise.all(Array.from({ length: 5 }, () => signed(SECRET, body)));
    const results = await Promise.all(copies.map((h) => postWebhook(plan.id, body, h)));
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    // A copy that arrived while another held the message is told to retry (Sinch retries a 5xx) ...
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(503);
      expect(JSON.parse(r.text).code).toBe("service_unavailable");
    }
    // ... and its retry, even with the very same signed headers, is then a harmless duplicate.
    for (const [i, r] of results.entries())
      if (r.status !== 200) expect((await postWebhook(plan.id, body, copies[i])).status).toBe(200);
    expect((await plan.rest("GET", "/inbounds")).body.count).toBe(1);
    expect(await deliveredCallbacks(plan.id, name)).toBe(1);
  });

  it("a captured request replayed later within the window is refused, a delivery report too", async () => {
    const { plan, batch, upstreamId } = await sinchPlan();
    const body = JSON.stringify({
      type: "recipient_delivery_report_sms",
      batch_id: upstreamId,
      recipient: "46700000001",
      status: "Dispatched",
      code: 401,
    });
    const headers = await signed(SECRET, body);
    expect((await postWebhook(plan.id, body, headers)).status).toBe(200);
    expect((await postWebhook(plan.id, body, headers)).status).toBe(401);
    expect((await plan.rest("GET", `/batches/${batch.id}/delivery_report/46700000001`)).body.status).toBe(
      "Dispatched",
    );
  });

  it("a request that failed gives its nonce back; nonces past the window are pruned", async () => {
    const { plan } = await sinchPlan();
    await env.DB.prepare("INSERT INTO webhook_nonces (service_plan_id, nonce, seen_at) VALUES (?, 'old', 0)")
      .bind(plan.id)
      .run();
    const bad = JSON.stringify({ type: "mo_text", id: "x" });
    const headers = await signed(SECRET, bad);
    expect((await postWebhook(plan.id, bad, headers)).status).toBe(400);
    expect((await postWebhook(plan.id, bad, headers)).status).toBe(400);
    const { results } = await env.DB.prepare("SELECT nonce FROM webhook_nonces WHERE service_plan_id = ?")
      .bind(plan.id)
      .all<{ nonce: string }>();
    expect(results).toEqual([]);
  });
});
