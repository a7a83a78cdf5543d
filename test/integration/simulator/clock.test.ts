// The plan clock: a jump runs what falls due inside it, in due order, so a day's schedule takes seconds.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { expectError } from "../../helpers/errors";
import { call, createPlan, rpcError } from "../../helpers/gateway";
import { queueOf, statusesOf } from "../../helpers/queue";
import { inboxCalls, inboxUrl } from "../../helpers/receiver";
import { advance, HOUR_MS, planNow, simulatorPath } from "../../helpers/simulator-script";
import { sinchPlan } from "../../helpers/sinch-webhook";

describe("plan clock", () => {
  it("reads and moves the plan's now, over REST and tRPC", async () => {
    const plan = await createPlan();
    const before = await planNow(plan);
    expect(Math.abs(before - Date.now())).toBeLessThan(5_000);
    const moved = await advance(plan, HOUR_MS);
    expect(moved - Date.now()).toBeGreaterThan(HOUR_MS - 5_000);
    expect((await planNow(plan)) - moved).toBeLessThan(5_000);
    const rpc = await plan.rpc.simulator.clock.advance.mutate({ advance_ms: HOUR_MS });
    expect(Date.parse(rpc.now) - moved).toBeGreaterThanOrEqual(HOUR_MS);
    const read = await plan.rpc.simulator.clock.get.query();
    expect(Date.parse(read.now)).toBeGreaterThanOrEqual(Date.parse(rpc.now));
  });

  it("runs a batch scheduled hours ahead when the clock passes its send_at, stamped in plan time", async () => {
    const plan = await createPlan();
    const sendAt = (await planNow(plan)) + 2 * HOUR_MS;
    const batch = await plan.rest("POST", "/batches", {
      from: "12345",
      to: ["46700000001", "46700009500"],
      body: "Later",
      send_at: new Date(sendAt).toISOString(),
    });
    expect(batch.status).toBe(201);
    const started = Date.now();
    await advance(plan, HOUR_MS);
    expect((await statusesOf(batch.body.id))["46700000001"]?.status).toBe("Queued");
    await advance(plan, HOUR_MS + 1_000);
    expect(await statusesOf(batch.body.id)).toEqual({
      "46700000001": { status: "Delivered", code: 0 },
      "46700009500": { status: "Failed", code: 15 },
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    const report = await plan.rest("GET", `/batches/${batch.body.id}/delivery_report/46700000001`);
    expect(Date.parse(report.body.at)).toBeGreaterThanOrEqual(sendAt);
  });

  it("runs a failing callback's whole retry schedule (about 45 h) to giving up in seconds", async () => {
    const name = `clock-giveup-${crypto.randomUUID()}`;
    const plan = await createPlan({ callback_url: inboxUrl(name, "?fail=500&times=1000") });
    const inbound = await call("POST", simulatorPath(plan, "/inbounds"), {
      token: plan.token,
      body: { from: "46700000001", to: "12345", body: "hello" },
    });
    expect(inbound.status).toBe(201);
    const started = Date.now();
    // Attempts at 0, 5, 15, 35, 75 s, ... (5 s doubling): four inside the first minute.
    await advance(plan, 60_000);
    expect(await inboxCalls(name)).toHaveLength(4);
    await advance(plan, 48 * HOUR_MS);
    const elapsed = Date.now() - started;
    // The first attempt and fifteen retries, the last 81,920 s after its predecessor.
    expect(await inboxCalls(name)).toHaveLength(16);
    expect((await queueOf(plan.id).stats()).callbacks).toBe(0);
    expect(elapsed).toBeLessThan(10_000);
  });

  it("refuses plans on a real upstream with 409, and bad jumps with 400", async () => {
    const { plan } = await sinchPlan();
    const res = await call("POST", simulatorPath(plan, "/clock"), {
      token: plan.token,
      body: { advance_ms: 1 },
    });
    expectError(res, 409, "conflict");
    expect(await rpcError(plan.rpc.simulator.clock.advance.mutate({ advance_ms: 1 }))).toMatchObject({
      status: 409,
      code: "conflict",
    });
    const simulated = await createPlan();
    for (const body of [
      { advance_ms: 0 },
      { advance_ms: -5 },
      { advance_ms: 1.5 },
      {},
      { advance_ms: "1" },
    ]) {
      const bad = await call("POST", simulatorPath(simulated, "/clock"), { token: simulated.token, body });
      expectError(bad, 400, bad.body.code, "advance_ms");
    }
    const offset = await env.DB.prepare("SELECT clock_offset_ms AS o FROM service_plans WHERE id = ?")
      .bind(simulated.id)
      .first<{ o: number }>();
    expect(offset?.o).toBe(0);
  });
});
