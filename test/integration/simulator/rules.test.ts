// Scripted simulator rules: each field, through the real runtime (REST in, the queue object, D1, callbacks out).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createPlan, type TestPlan } from "../../helpers/gateway";
import { queueOf, simulatorRows, statusesOf } from "../../helpers/queue";
import { inboxCalls, inboxUrl } from "../../helpers/receiver";
import { advance, HOUR_MS, planNow, setRules, simulatorPath } from "../../helpers/simulator-script";

async function send(plan: TestPlan, to: string[], extra: Record<string, unknown> = {}) {
  const res = await plan.rest("POST", "/batches", { from: "12345", to, body: "Code 1234", ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** Recipient reports the inbox received, as status per recipient in arrival order. */
async function reportsByRecipient(inbox: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const c of await inboxCalls(inbox)) {
    const report = JSON.parse(c.body) as { type: string; recipient: string; status: string };
    if (report.type !== "recipient_delivery_report_sms") continue;
    out[report.recipient] = [...(out[report.recipient] ?? []), report.status];
  }
  return out;
}

describe("simulator rules", () => {
  it("stores rules as given (numbers normalised) and reads them back over REST and tRPC", async () => {
    const plan = await createPlan();
    const rules = [
      { match: { number: "+46 70 000 0001" }, outcome: { status: "Failed", code: 21 } },
      { match: { prefix: "4670001" }, delay_ms: [100, 200], receipts: "duplicate" },
      { match: { pattern: "4670\\d{3}9[0-4]\\d{2}" }, submit_error: { status: 429, times: 3 } },
    ];
    const put = await call("PUT", simulatorPath(plan, "/rules"), {
      token: plan.token,
      body: { rules, seed: 7 },
    });
    expect(put.status).toBe(200);
    expect(put.body.seed).toBe(7);
    expect(put.body.rules[0].match).toEqual({ number: "46700000001" });
    const get = await call("GET", simulatorPath(plan, "/rules"), { token: plan.token });
    expect(get.body).toEqual(put.body);
    expect(await plan.rpc.simulator.rules.get.query()).toEqual(put.body);
    const viaRpc = await plan.rpc.simulator.rules.set.mutate({ rules: [] });
    expect(viaRpc.rules).toEqual([]);
    expect(Number.isInteger(viaRpc.seed)).toBe(true);
  });

  it("gives the first matching rule's outcome and code; unmatched numbers follow the last-four-digit table", async () => {
    const plan = await createPlan();
    await setRules(plan, [
      { match: { number: "46700000001" }, outcome: { status: "Failed", code: 21 } },
      { match: { prefix: "467000000" }, outcome: { status: "Rejected" } },
      { match: { pattern: "4670000\\d{2}1[0-9]" }, outcome: { status: "Aborted", code: 410 } },
    ]);
    const id = await send(plan, ["46700000001", "46700000002", "46700001011", "46711119500"]);
    await advance(plan, 1_000);
    expect(await statusesOf(id)).toEqual({
      "46700000001": { status: "Failed", code: 21 },
      "46700000002": { status: "Rejected", code: 16 },
      "46700001011": { status: "Aborted", code: 410 },
      "46711119500": { status: "Failed", code: 15 },
    });
  });

  it("a none outcome sends no receipt: the message stays Dispatched until expire_at, then Expired", async () => {
    const plan = await createPlan();
    await setRules(plan, [{ match: { number: "46700000001" }, outcome: { status: "none" } }]);
    const expireAt = (await planNow(plan)) + HOUR_MS;
    const id = await send(plan, ["46700000001"], { expire_at: new Date(expireAt).toISOString() });
    await advance(plan, HOUR_MS / 2);
    expect(await statusesOf(id)).toEqual({ "46700000001": { status: "Dispatched", code: 401 } });
    await advance(plan, HOUR_MS / 2 + 1_000);
    expect(await statusesOf(id)).toEqual({ "46700000001": { status: "Expired", code: 406 } });
    const report = await plan.rest("GET", `/batches/${id}/delivery_report/46700000001`);
    expect(Date.parse(report.body.at)).toBeGreaterThanOrEqual(expireAt);
  });

  it("duplicate and out-of-order receipts leave the final status and exactly one final callback per recipient", async () => {
    const inbox = `rules-receipts-${crypto.randomUUID()}`;
    const plan = await createPlan({ callback_url: inboxUrl(inbox) });
    await setRules(plan, [
      { match: { number: "46700000001" }, receipts: "duplicate", delay_ms: 2_000 },
      { match: { number: "46700000002" }, receipts: "out_of_order", delay_ms: 2_000 },
      {
        match: { number: "46700000003" },
        receipts: "duplicate",
        outcome: { status: "Failed" },
        delay_ms: 2_000,
      },
    ]);
    const id = await send(plan, ["46700000001", "46700000002", "46700000003"], {
      delivery_report: "per_recipient",
    });
    await advance(plan, 500);
    // Dispatched; each recipient's final report and its scripted extra one wait in the queue.
    expect((await queueOf(plan.id).stats()).events).toBe(6);
    await advance(plan, 10_000);
    expect(await statusesOf(id)).toEqual({
      "46700000001": { status: "Delivered", code: 0 },
      "46700000002": { status: "Delivered", code: 0 },
      "46700000003": { status: "Failed", code: 15 },
    });
    expect((await queueOf(plan.id).stats()).events).toBe(0);
    expect(await reportsByRecipient(inbox)).toEqual({
      "46700000001": ["Dispatched", "Delivered"],
      "46700000002": ["Dispatched", "Delivered"],
      "46700000003": ["Dispatched", "Failed"],
    });
  });

  it("submit_error refuses the first n submissions; the plan backs off and the message is then delivered once", async () => {
    const plan = await createPlan();
    await setRules(plan, [{ match: { prefix: "4670000" }, submit_error: { status: 503, times: 2 } }]);
    const id = await send(plan, ["46700000001", "46799990001"]);
    await advance(plan, 1_000);
    expect((await statusesOf(id))["46700000001"]?.status).toBe("Queued");
    // Backoff 5 s, then 10 s: the third submission is accepted.
    await advance(plan, 60_000);
    expect(await statusesOf(id)).toEqual({
      "46700000001": { status: "Delivered", code: 0 },
      "46799990001": { status: "Delivered", code: 0 },
    });
    const refusals = await env.DB.prepare("SELECT refused FROM simulator_refusals WHERE service_plan_id = ?")
      .bind(plan.id)
      .first<{ refused: number }>();
    expect(refusals?.refused).toBe(2);
    expect((await simulatorRows(plan.id)).map((r) => r.submissions)).toEqual([1, 1]);
  });

  it("draws [min, max] delays from the plan's seed: the same seed, the same delays", async () => {
    const delaysWith = async (seed: number) => {
      const plan = await createPlan();
      await setRules(plan, [{ match: { prefix: "4670" }, delay_ms: [1_000, 60_000] }], seed);
      const to = ["46700000001", "46700000002", "46700000003", "46700000004"];
      const id = await send(plan, to);
      await advance(plan, 61_000);
      const { results } = await env.DB.prepare(
        "SELECT r.recipient, r.at - m.received_at AS delay FROM recipients r JOIN simulator_messages m USING (batch_id, recipient) WHERE r.batch_id = ? ORDER BY r.recipient",
      )
        .bind(id)
        .all<{ recipient: string; delay: number }>();
      expect(results.map((r) => r.recipient)).toEqual(to);
      return results.map((r) => r.delay);
    };
    const first = await delaysWith(42);
    for (const d of first) {
      expect(d).toBeGreaterThanOrEqual(1_000);
      expect(d).toBeLessThanOrEqual(60_000);
    }
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(await delaysWith(42)).toEqual(first);
  });

  it("a reply arrives as an inbound: stored, sent to the plan's callback_url, and STOP opts the number out", async () => {
    const inbox = `rules-reply-${crypto.randomUUID()}`;
    const plan = await createPlan({ callback_url: inboxUrl(inbox) });
    await setRules(plan, [{ match: { number: "46700000001" }, reply: { body: "STOP", delay_ms: 30_000 } }]);
    await send(plan, ["46700000001"]);
    await advance(plan, 10_000);
    expect((await plan.rest("GET", "/inbounds")).body.count).toBe(0);
    await advance(plan, 30_000);
    const inbounds = await plan.rest("GET", "/inbounds");
    expect(inbounds.body.inbounds).toMatchObject([{ from: "46700000001", to: "12345", body: "STOP" }]);
    const mo = (await inboxCalls(inbox)).map((c) => JSON.parse(c.body)).filter((b) => b.type === "mo_text");
    expect(mo).toMatchObject([{ from: "46700000001", to: "12345", body: "STOP" }]);
    const optOuts = await call("GET", `/gateway/v1/${plan.id}/opt_outs`, { token: plan.token });
    expect(optOuts.body.opt_outs).toMatchObject([{ msisdn: "46700000001", source: "STOP" }]);
  });
});
