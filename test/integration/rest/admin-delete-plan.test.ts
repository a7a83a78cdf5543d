// Deleting a service plan: tokens refused at once, the plan gone, nothing of it left in D1, its queue empty and unarmed.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { PLAN_TABLES } from "../../../src/db/plan-removal";
import { ADMIN_TOKEN, adminRpc, call, createPlan, rpcError, type TestPlan } from "../../helpers/gateway";
import { drain, queueOf } from "../../helpers/queue";

/** Rows of the plan in every table that holds any (group members through the given groups). */
async function rowsOf(planId: string, groupIds: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [...PLAN_TABLES, "api_tokens"]) {
    const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE service_plan_id = ?`)
      .bind(planId)
      .first<{ n: number }>();
    counts[table] = row?.n ?? 0;
  }
  const plans = await env.DB.prepare("SELECT count(*) AS n FROM service_plans WHERE id = ?")
    .bind(planId)
    .first<{ n: number }>();
  counts.service_plans = plans?.n ?? 0;
  const members = await env.DB.prepare(
    "SELECT count(*) AS n FROM group_members WHERE group_id IN (SELECT value FROM json_each(?))",
  )
    .bind(JSON.stringify(groupIds))
    .first<{ n: number }>();
  counts.group_members = members?.n ?? 0;
  const attempts = await env.DB.prepare(
    "SELECT count(*) AS n FROM callback_attempts WHERE callback_id IN (SELECT id FROM callbacks WHERE service_plan_id = ?)",
  )
    .bind(planId)
    .first<{ n: number }>();
  counts.callback_attempts = attempts?.n ?? 0;
  return counts;
}

/** A plan with something in every table: sent and scheduled batches, a group, inbounds, an opt-out, stats. */
async function busyPlan(): Promise<{ plan: TestPlan; groupId: string }> {
  const plan = await createPlan();
  const group = await plan.rest("POST", "/groups", { members: ["46700000001", "46700000002"] });
  await call("POST", `/simulator/v1/${plan.id}/inbounds`, {
    token: plan.token,
    body: { from: "46700000009", to: "12345", body: "STOP" },
  });
  await plan.rest("POST", "/batches", { from: "12345", to: [group.body.id, "46700009500"], body: "now" });
  await drain(plan.id);
  await plan.rest("POST", "/batches", {
    from: "12345",
    to: ["46700000003"],
    body: "later",
    send_at: "2099-01-01T00:00:00Z",
  });
  // Rows only the Sinch upstream writes, as its webhooks and forwarding would; and rows of the test bench
  // (rules, refusals, automatic replies) and the callback log, as their features would.
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO auto_replies (batch_id, service_plan_id, inbound_id, kind, created_at) VALUES (?, ?, ?, 'opt_out', 0)",
    ).bind(`reply-${plan.id}`, plan.id, `inbound-${plan.id}`),
    env.DB.prepare(
      "INSERT INTO simulator_rules (service_plan_id, rules, seed, updated_at) VALUES (?, '[]', 1, 0)",
    ).bind(plan.id),
    env.DB.prepare("INSERT INTO simulator_refusals (service_plan_id, rule, refused) VALUES (?, 0, 1)").bind(
      plan.id,
    ),
    env.DB.prepare(
      `INSERT INTO callbacks (id, service_plan_id, kind, url, body, state, attempts, next_at, created_at)
       VALUES (?, ?, 'inbound', 'https://example.com/cb', '{}', 'gave_up', 1, NULL, 0)`,
    ).bind(`cb-${plan.id}`, plan.id),
    env.DB.prepare(
      "INSERT INTO callback_attempts (callback_id, attempt, at, url, status, latency_ms) VALUES (?, 1, 0, 'https://example.com/cb', 500, 1)",
    ).bind(`cb-${plan.id}`),
    env.DB.prepare(
      "INSERT INTO upstream_batches (upstream_batch_id, service_plan_id, batch_id, submission, created_at) VALUES (?, ?, 'b', 's', 0)",
    ).bind(`up-${plan.id}`, plan.id),
    env.DB.prepare("INSERT INTO webhook_nonces (service_plan_id, nonce, seen_at) VALUES (?, 'n', 0)").bind(
      plan.id,
    ),
    env.DB.prepare(
      `INSERT INTO plan_stat_hours (service_plan_id, hour, counters) VALUES (?, 0, '0,0,0,1')`,
    ).bind(plan.id),
  ]);
  return { plan, groupId: group.body.id };
}

describe("deleting a service plan", () => {
  it("refuses its tokens, forgets the plan, removes every row and empties its queue", async () => {
    const { plan, groupId } = await busyPlan();
    const other = await busyPlan();
    // More statistics rows than one removal chunk holds: the removal goes round in chunks.
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 11999)
       INSERT INTO plan_stats (service_plan_id, minute, metric, code, count) SELECT ?, i, 'seeded', 0, 1 FROM n`,
    )
      .bind(plan.id)
      .run();
    const before = await rowsOf(plan.id, [groupId]);
    for (const [table, n] of Object.entries(before))
      expect({ table, some: n > 0 }).toEqual({ table, some: true });
    expect((await queueOf(plan.id).stats()).alarm).not.toBeNull();
    const otherBefore = await rowsOf(other.plan.id, [other.groupId]);

    const res = await call("DELETE", `/admin/v1/service_plans/${plan.id}`, { token: ADMIN_TOKEN });
    expect(res.status).toBe(200);

    expect((await plan.rest("GET", "/batches")).status).toBe(401);
    expect(await rpcError(plan.rpc.batches.list.query())).toMatchObject({
      status: 401,
      code: "unauthorized",
    });
    const read = await call("GET", `/admin/v1/service_plans/${plan.id}`, { token: ADMIN_TOKEN });
    expect(read.status).toBe(404);
    expect(read.body.code).toBe("not_found");
    const after = await rowsOf(plan.id, [groupId]);
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    expect(after).toEqual(Object.fromEntries(Object.keys(before).map((t) => [t, 0])));
    expect(await queueOf(plan.id).stats()).toEqual({
      jobs: 0,
      inflight: 0,
      events: 0,
      callbacks: 0,
      alarm: null,
    });
    // The other plan is untouched.
    expect(await rowsOf(other.plan.id, [other.groupId])).toEqual(otherBefore);
    expect((await other.plan.rest("GET", "/batches")).status).toBe(200);
    // Deleting again: the plan is unknown.
    const again = await call("DELETE", `/admin/v1/service_plans/${plan.id}`, { token: ADMIN_TOKEN });
    expect(again.status).toBe(404);
  });

  it("works over tRPC, and needs the admin token", async () => {
    const plan = await createPlan();
    expect((await call("DELETE", `/admin/v1/service_plans/${plan.id}`, { token: plan.token })).status).toBe(
      401,
    );
    expect(await adminRpc().admin.deleteServicePlan.mutate({ service_plan_id: plan.id })).toBeNull();
    expect((await plan.rest("GET", "/batches")).status).toBe(401);
    expect(
      await rpcError(adminRpc().admin.deleteServicePlan.mutate({ service_plan_id: plan.id })),
    ).toMatchObject({ status: 404, code: "not_found" });
  });
});
