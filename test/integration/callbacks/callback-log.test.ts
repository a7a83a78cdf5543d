// The callback outbox and log through the real runtime: crash safety, every attempt logged, redelivery.
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { verifySignature } from "../../../src/domain/signature";
import worker from "../../../src/worker/index";
import { call, createPlan, type TestPlan } from "../../helpers/gateway";
import { crashNextStep, drain, queueOf, runUntil, setClock } from "../../helpers/queue";
import { inboxCalls, inboxUrl } from "../../helpers/receiver";

const inbox = () => `log-${crypto.randomUUID()}`;
const log = (plan: TestPlan, path = "") =>
  call("GET", `/gateway/v1/${plan.id}/callbacks${path}`, { token: plan.token });
const redeliver = (plan: TestPlan, id: string) =>
  call("POST", `/gateway/v1/${plan.id}/callbacks/${id}/redeliver`, { token: plan.token });

async function outboxRows(planId: string) {
  const { results } = await env.DB.prepare(
    "SELECT id, state, attempts FROM callbacks WHERE service_plan_id = ? ORDER BY created_at, id",
  )
    .bind(planId)
    .all<{ id: string; state: string; attempts: number }>();
  return results;
}

async function sendOne(plan: TestPlan, deliveryReport: string, to = ["46700001111"]) {
  const res = await plan.rest("POST", "/batches", {
    from: "12345",
    to,
    body: "x",
    delivery_report: deliveryReport,
  });
  return res.body.id as string;
}

describe("transactional outbox", () => {
  it("a crash right after the D1 commit, before anything else, loses no callback", async () => {
    const name = inbox();
    const plan = await createPlan({ callback_url: inboxUrl(name) });
    await crashNextStep(plan.id, "after-apply");
    const batch = await sendOne(plan, "per_recipient", ["46700001111", "46700002222"]);
    // The first apply (both Dispatched) commits with its two callbacks, then the step dies.
    await runUntil(plan.id, async () => (await outboxRows(plan.id)).length >= 2);
    expect(await inboxCalls(name)).toHaveLength(0);
    await drain(plan.id);
    const bodies = (await inboxCalls(name)).map((c) => JSON.parse(c.body));
    expect(bodies.map((b) => `${b.batch_id}:${b.recipient}:${b.status}`).sort()).toEqual([
      `${batch}:46700001111:Delivered`,
      `${batch}:46700001111:Dispatched`,
      `${batch}:46700002222:Delivered`,
      `${batch}:46700002222:Dispatched`,
    ]);
    expect((await outboxRows(plan.id)).map((r) => r.state)).toEqual(Array(4).fill("delivered"));
  });

  it("a callback pending in D1 that its queue never heard of is found by the cron watchdog", async () => {
    const name = inbox();
    const plan = await createPlan({ callback_url: inboxUrl(name) });
    // As a Worker that stored an MO with its callback and died before waking the queue would leave it.
    const now = Date.now();
    await env.DB.prepare(
      `INSERT INTO callbacks (id, service_plan_id, kind, inbound_id, url, body, state, attempts, next_at, created_at)
       VALUES ('orphan', ?, 'inbound', 'in-1', ?, '{"type":"mo_text","id":"in-1"}', 'pending', 0, ?, ?)`,
    )
      .bind(plan.id, inboxUrl(name), now, now)
      .run();
    expect((await queueOf(plan.id).stats()).alarm).toBeNull();
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: "* * * * *" }), env);
    await drain(plan.id);
    expect((await inboxCalls(name)).map((c) => c.body)).toEqual(['{"type":"mo_text","id":"in-1"}']);
    expect((await outboxRows(plan.id)).map((r) => r.state)).toEqual(["delivered"]);
  });

  it("an MO's callback is stored with the message and logged as kind inbound", async () => {
    const name = inbox();
    const plan = await createPlan({ callback_url: inboxUrl(name) });
    const mo = await call("POST", `/simulator/v1/${plan.id}/inbounds`, {
      token: plan.token,
      body: { from: "46700001111", to: "12345", body: "hello" },
    });
    expect(mo.status).toBeLessThan(300);
    await drain(plan.id);
    const [entry] = (await log(plan, "?kind=inbound")).body.callbacks;
    expect(entry).toMatchObject({ kind: "inbound", state: "delivered", attempt_count: 1 });
    const [received] = await inboxCalls(name);
    expect(JSON.parse(received?.body ?? "")).toMatchObject({
      type: "mo_text",
      id: entry.inbound_id,
      body: "hello",
    });
    expect(entry.body).toBe(received?.body);
  });
});

describe("delivery log", () => {
  it("a receiver failing twice then succeeding shows three attempts, each with its status and next time", async () => {
    const name = inbox();
    const plan = await createPlan({ callback_url: inboxUrl(name, "?fail=503&times=2&reply_bytes=600") });
    const t0 = Date.now() + 1_000;
    await setClock(plan.id, t0);
    const batch = await sendOne(plan, "summary");
    await runUntil(plan.id, async () => (await inboxCalls(name)).length >= 1);
    await setClock(plan.id, t0 + 5_000);
    await runUntil(plan.id, async () => (await inboxCalls(name)).length >= 2);
    await setClock(plan.id, t0 + 15_000);
    await runUntil(plan.id, async () => (await inboxCalls(name)).length >= 3);
    await drain(plan.id);

    const list = await log(plan);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ count: 1, page: 0, page_size: 1 });
    const [entry] = list.body.callbacks;
    expect(entry).toMatchObject({
      kind: "delivery_report",
      batch_id: batch,
      state: "delivered",
      attempt_count: 3,
      last_status: 200,
    });
    expect(entry.next_attempt_at).toBeUndefined();

    const detail = await log(plan, `/${entry.id}`);
    expect(detail.status).toBe(200);
    const attempts = detail.body.attempts;
    expect(attempts.map((a: { attempt: number; status: number }) => `${a.attempt}:${a.status}`)).toEqual([
      "1:503",
      "2:503",
      "3:200",
    ]);
    expect(attempts.map((a: { at: string }) => a.at)).toEqual(
      [t0, t0 + 5_000, t0 + 15_000].map((t) => new Date(t).toISOString()),
    );
    expect(attempts.map((a: { next_attempt_at?: string }) => a.next_attempt_at)).toEqual([
      new Date(t0 + 5_000).toISOString(),
      new Date(t0 + 15_000).toISOString(),
      undefined,
    ]);
    for (const a of attempts) {
      expect(a.url).toBe(entry.url);
      expect(a.latency_ms).toBeGreaterThanOrEqual(0);
      // The receiver answered 600 bytes: the log keeps the first 512.
      expect(a.response).toBe("r".repeat(512));
    }
    expect(await plan.rpc.callbacks.get.query({ callback_id: entry.id })).toEqual(detail.body);
    expect(await plan.rpc.callbacks.list.query({})).toEqual(list.body);
  });

  it("redelivery posts a given-up callback again now, signed afresh, and logs the attempt", async () => {
    const name = inbox();
    const plan = await createPlan({ callback_url: inboxUrl(name, "?fail=400&times=1") });
    await sendOne(plan, "summary");
    await drain(plan.id);
    const [entry] = (await log(plan, "?state=gave_up")).body.callbacks;
    expect(entry).toMatchObject({ state: "gave_up", attempt_count: 1, last_status: 400 });

    const again = await redeliver(plan, entry.id);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      id: entry.id,
      state: "delivered",
      attempt_count: 2,
      last_status: 200,
    });
    expect(again.body.attempts.map((a: { status: number }) => a.status)).toEqual([400, 200]);
    const [first, second] = await inboxCalls(name);
    expect(second?.body).toBe(first?.body);
    expect(second?.headers["x-sinch-webhook-signature-nonce"]).not.toBe(
      first?.headers["x-sinch-webhook-signature-nonce"],
    );
    expect(
      await verifySignature(plan.webhookSecret, second?.body ?? "", new Headers(second?.headers ?? {})),
    ).toBe(true);

    const viaRpc = await plan.rpc.callbacks.redeliver.mutate({ callback_id: entry.id });
    expect(viaRpc).toMatchObject({ state: "delivered", attempt_count: 3 });
    expect(await inboxCalls(name)).toHaveLength(3);
  });

  it("filters by state, kind, batch and date, and pages like Sinch lists", async () => {
    const name = inbox();
    const plan = await createPlan({ callback_url: inboxUrl(name) });
    const perRecipient = await sendOne(plan, "per_recipient", ["46700001111", "46700002222"]);
    const summary = await sendOne(plan, "summary");
    await drain(plan.id);
    const all = await log(plan, "?page_size=100");
    expect(all.body.count).toBe(5);
    expect((await log(plan, `?batch_id=${perRecipient}`)).body.count).toBe(4);
    const [report] = (await log(plan, `?batch_id=${summary}`)).body.callbacks;
    expect(JSON.parse(report.body)).toMatchObject({ type: "delivery_report_sms", batch_id: summary });
    expect(report.recipient).toBeUndefined();
    expect((await log(plan, "?state=delivered")).body.count).toBe(5);
    expect((await log(plan, "?state=pending")).body.count).toBe(0);
    expect((await log(plan, "?kind=inbound")).body.count).toBe(0);
    expect((await log(plan, "?start_date=2099-01-01")).body.count).toBe(0);
    expect((await log(plan, "?end_date=2000-01-01")).body.count).toBe(0);

    const page1 = await log(plan, "?page_size=2&page=1");
    expect(page1.body).toMatchObject({ count: 5, page: 1, page_size: 2 });
    const page2 = await log(plan, "?page_size=2&page=2");
    expect(page2.body).toMatchObject({ count: 5, page: 2, page_size: 1 });
    const ids = (r: typeof all) => r.body.callbacks.map((c: { id: string }) => c.id);
    expect([...ids(page1), ...ids(page2)]).toEqual(ids(all).slice(2));
  });

  it("answers {code, text}: 404 for an unknown or another plan's callback, 400 for a bad filter", async () => {
    const plan = await createPlan({ callback_url: inboxUrl(inbox()) });
    const other = await createPlan({ callback_url: inboxUrl(inbox()) });
    await sendOne(other, "summary");
    await drain(other.id);
    const [theirs] = (await log(other)).body.callbacks;
    for (const res of [
      await log(plan, "/unknown"),
      await log(plan, `/${theirs.id}`),
      await redeliver(plan, theirs.id),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ code: "not_found", text: expect.any(String) });
    }
    for (const query of ["?state=lost", "?kind=mt", "?start_date=yesterday", "?page_size=0", "?page=-1"]) {
      const res = await log(plan, query);
      expect(res.status, query).toBe(400);
      expect(res.body).toEqual({ code: expect.stringMatching(/^syntax_/), text: expect.any(String) });
    }
    expect((await log(plan)).body).toEqual({ count: 0, page: 0, page_size: 0, callbacks: [] });
    expect((await call("GET", `/gateway/v1/${plan.id}/callbacks`, { token: other.token })).status).toBe(401);
    expect((await queueOf(other.id).stats()).callbacks).toBe(0);
  });
});
