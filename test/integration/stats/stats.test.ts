// Per-plan statistics: after a known mix of sends the counters equal what the delivery reports say, per status and code.
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../../src/worker/index";
import { call, createPlan, type TestPlan } from "../../helpers/gateway";
import { drain, sendUnanswered, setClock, statusesOf } from "../../helpers/queue";

const fromPhone = (plan: TestPlan, from: string, body: string) =>
  call("POST", `/simulator/v1/${plan.id}/inbounds`, { token: plan.token, body: { from, to: "12345", body } });

const stats = (plan: TestPlan, query: string) =>
  call("GET", `/gateway/v1/${plan.id}/stats?${query}`, { token: plan.token });

/** Every recipient report of the plan, counted by status and code: what the statistics must equal. */
async function reportCounts(plan: TestPlan) {
  const list = await plan.rest("GET", "/delivery_reports?type=recipient&page_size=100");
  const counts = new Map<string, { status: string; code: number; count: number }>();
  for (const r of list.body.delivery_reports as { status: string; code: number }[]) {
    const key = `${r.status}/${r.code}`;
    const c = counts.get(key) ?? { status: r.status, code: r.code, count: 0 };
    c.count++;
    counts.set(key, c);
  }
  return { total: list.body.count as number, statuses: [...counts.values()] };
}

const byStatus = (a: { status: string; code: number }, b: { status: string; code: number }) =>
  a.status.localeCompare(b.status) || a.code - b.code;

describe("plan statistics", () => {
  it("a known mix of sends gives counts equal to the delivery reports", async () => {
    const plan = await createPlan();
    const started = Date.now();
    // Inbound: a STOP (which also opts the number out) and a plain message.
    await fromPhone(plan, "46700000077", "STOP");
    await fromPhone(plan, "46700000078", "hello");
    // Simulator table: unroutable, failed, rejected, delivered x2; plus the opted-out number; 2 parts each.
    const long = "x".repeat(200);
    const mixed = ["46700009402", "46700009500", "46700009600", "46700001234", "46700001235", "46700000077"];
    const a = (await plan.rest("POST", "/batches", { from: "12345", to: mixed, body: long })).body;
    // Scheduled, one recipient removed by an update, then cancelled.
    const b = (
      await plan.rest("POST", "/batches", {
        from: "12345",
        to: ["46700002001", "46700002002", "46700002003", "46700002004"],
        body: "later",
        send_at: "2099-01-01T00:00:00Z",
      })
    ).body;
    await plan.rest("POST", `/batches/${b.id}`, { to_remove: ["46700002004"] });
    await plan.rest("DELETE", `/batches/${b.id}`);
    await drain(plan.id);
    // No receipt ever (9700): Dispatched, then Expired at expire_at.
    const { now } = await sendUnanswered(plan);
    await setClock(plan.id, now + 60_000);
    await drain(plan.id);
    expect(await statusesOf(a.id)).toMatchObject({ "46700000077": { status: "Rejected", code: 408 } });

    const range = `start_date=${new Date(started - 60_000).toISOString()}&end_date=${new Date(now + 120_000).toISOString()}`;
    const hourly = await stats(plan, range);
    expect(hourly.status).toBe(200);
    const totals = hourly.body.totals;
    const reports = await reportCounts(plan);
    expect(reports.total).toBe(10);
    expect([...totals.statuses].sort(byStatus)).toEqual(reports.statuses.sort(byStatus));
    const sum = (status: string) =>
      reports.statuses.filter((s) => s.status === status).reduce((n, s) => n + s.count, 0);
    const { results: sent } = await env.DB.prepare(
      "SELECT count(*) AS n, sum(parts) AS parts FROM simulator_messages WHERE service_plan_id = ? AND status = 'Dispatched'",
    )
      .bind(plan.id)
      .all<{ n: number; parts: number }>();
    expect(totals).toMatchObject({
      accepted: reports.total,
      dispatched: sent[0]?.n,
      parts_sent: sent[0]?.parts,
      delivered: sum("Delivered"),
      failed: sum("Failed"),
      rejected: sum("Rejected"),
      opted_out: 1,
      aborted: sum("Aborted"),
      expired: sum("Expired"),
      cancelled: sum("Cancelled"),
      inbound_received: 2,
    });
    // The exact figures of this mix, so a wrong "equal" (both zero) cannot pass.
    expect(totals).toMatchObject({
      accepted: 10,
      dispatched: 5,
      parts_sent: 9,
      delivered: 2,
      failed: 1,
      rejected: 2,
      aborted: 1,
      expired: 1,
      cancelled: 3,
    });

    // Any granularity sums the same minute counters; buckets are whole and ordered.
    const minutes = await stats(plan, `${range}&granularity=minute`);
    const days = await stats(plan, `${range}&granularity=day`);
    expect(minutes.body.totals).toEqual(totals);
    expect(days.body.totals).toEqual(totals);
    expect(minutes.body.buckets.length).toBeGreaterThanOrEqual(hourly.body.buckets.length);
    for (const bucket of minutes.body.buckets) expect(Date.parse(bucket.start) % 60_000).toBe(0);
    expect(days.body.start_date).toMatch(/T00:00:00\.000Z$/);
    const starts = minutes.body.buckets.map((x: { start: string }) => x.start);
    expect(starts).toEqual([...starts].sort());

    // tRPC answers the same.
    expect(
      await plan.rpc.stats.get.query({
        start_date: new Date(started - 60_000).toISOString(),
        end_date: new Date(now + 120_000).toISOString(),
      }),
    ).toEqual(hourly.body);
  });

  it("the cron folds finished minutes into hour rows and no answer changes, a late counter row included", async () => {
    const plan = await createPlan();
    const DAY = 1440;
    const endMinute = Math.floor(Date.now() / 60_000) + 1;
    const startMinute = endMinute - DAY;
    // A day of minutes as a busy plan's triggers leave them, plus this minute's real sends.
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${DAY - 3}),
         m(metric, code) AS (VALUES ('accepted', 0), ('delivered', 0), ('failed', 15), ('rejected', 408))
       INSERT INTO plan_stats (service_plan_id, minute, metric, code, count)
       SELECT ?, ${startMinute} + i, metric, code, 1 + (i % 5) FROM n, m WHERE true`,
    )
      .bind(plan.id)
      .run();
    await plan.rest("POST", "/batches", { from: "12345", to: ["46700001234", "46700009500"], body: "now" });
    await drain(plan.id);
    const range = `start_date=${new Date(startMinute * 60_000).toISOString()}&end_date=${new Date(endMinute * 60_000).toISOString()}`;
    const read = async () =>
      Object.fromEntries(
        await Promise.all(
          (["minute", "hour", "day"] as const).map(async (g) => {
            const res = await stats(plan, `${range}&granularity=${g}`);
            expect(res.status).toBe(200);
            return [g, res.body];
          }),
        ),
      );
    const before = await read();
    expect(before.minute.buckets.length).toBeGreaterThanOrEqual(DAY - 2);
    expect(before.minute.totals).toMatchObject({
      delivered: expect.any(Number),
      opted_out: expect.any(Number),
    });

    const rowsOf = async (table: string) =>
      (
        await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE service_plan_id = ?`)
          .bind(plan.id)
          .first<{ n: number }>()
      )?.n;
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "* * * * *" }), env);
    // Every hour before the previous minute is one row; only the last minutes stay as counter rows.
    expect(await rowsOf("plan_stat_hours")).toBeGreaterThanOrEqual(24);
    expect(await rowsOf("plan_stats")).toBeLessThan(20);
    expect(await read()).toEqual(before);

    // A counter row written into a folded minute (a late event) still counts, before and after the next fold.
    await env.DB.prepare(
      "INSERT INTO plan_stats (service_plan_id, minute, metric, code, count) VALUES (?, ?, 'failed', 15, 2)",
    )
      .bind(plan.id, startMinute + 10)
      .run();
    const late = await read();
    expect(late.day.totals.failed).toBe(before.day.totals.failed + 2);
    const bucket = late.minute.buckets.find(
      (b: { start: string }) => b.start === new Date((startMinute + 10) * 60_000).toISOString(),
    );
    expect(bucket.statuses).toContainEqual({ status: "Failed", code: 15, count: 1 + (10 % 5) + 2 });
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.now() + 120_000, cron: "* * * * *" }),
      env,
    );
    expect(await rowsOf("plan_stats")).toBe(0);
    expect(await read()).toEqual(late);
  });

  it("a backlog longer than one fold span is folded over several cron runs, oldest first", async () => {
    const plan = await createPlan();
    const now = Date.now();
    const today = Math.floor(now / 60_000);
    // One accepted count a day for 20 days, plus a row of an unknown metric that is never folded.
    await env.DB.batch([
      env.DB.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19)
         INSERT INTO plan_stats (service_plan_id, minute, metric, code, count) SELECT ?, ? - (20 - i) * 1440, 'accepted', 0, 1 FROM n`,
      ).bind(plan.id, today),
      env.DB.prepare(
        "INSERT INTO plan_stats (service_plan_id, minute, metric, code, count) VALUES (?, ?, 'not_a_metric', 0, 1)",
      ).bind(plan.id, today - 40 * 1440),
    ]);
    const left = async () =>
      (
        await env.DB.prepare(
          "SELECT count(*) AS n FROM plan_stats WHERE service_plan_id = ? AND metric = 'accepted'",
        )
          .bind(plan.id)
          .first<{ n: number }>()
      )?.n;
    const total = async () => {
      const start = new Date((today - 21 * 1440) * 60_000).toISOString();
      const res = await stats(
        plan,
        `start_date=${start}&end_date=${new Date(now).toISOString()}&granularity=day`,
      );
      return res.body.totals.accepted;
    };
    expect(await total()).toBe(20);
    const cron = () =>
      worker.scheduled(createScheduledController({ scheduledTime: now, cron: "* * * * *" }), env);
    await cron();
    // The first run folds the oldest week (days 20 to 14 ago); the unknown metric holds nothing back.
    expect(await left()).toBe(13);
    expect(await total()).toBe(20);
    await cron();
    await cron();
    expect(await left()).toBe(0);
    expect(await total()).toBe(20);
  });

  it("other plans' counts never show, and an empty range answers zeros", async () => {
    const one = await createPlan();
    const other = await createPlan();
    await other.rest("POST", "/batches", { from: "12345", to: ["46700000001"], body: "x" });
    await drain(other.id);
    const res = await stats(one, "granularity=minute");
    expect(res.status).toBe(200);
    expect(res.body.buckets).toEqual([]);
    expect(res.body.totals).toMatchObject({ accepted: 0, delivered: 0, statuses: [] });
    expect((await stats(other, "")).body.totals).toMatchObject({ accepted: 1, delivered: 1 });
  });

  it("bad input is a 400 with a Sinch error body", async () => {
    const plan = await createPlan();
    const cases = [
      ["granularity=week", "syntax_invalid_parameter_format"],
      ["start_date=yesterday", "syntax_invalid_parameter_format"],
      ["start_date=2026-02-30", "syntax_invalid_parameter_format"],
      ["start_date=2026-01-02&end_date=2026-01-01", "syntax_constraint_violation"],
      ["start_date=2026-01-01&end_date=2026-01-03&granularity=minute", "syntax_constraint_violation"],
      ["start_date=2026-01-01&end_date=2026-03-01&granularity=day", "syntax_constraint_violation"],
    ] as const;
    for (const [query, code] of cases) {
      const res = await stats(plan, query);
      expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code });
      expect(typeof res.body.text).toBe("string");
    }
    expect((await call("GET", `/gateway/v1/${plan.id}/stats`, { token: "wrong" })).status).toBe(401);
  });
});
