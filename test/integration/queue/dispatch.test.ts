// The send queue end to end: simulator outcomes in every report, FIFO, pacing, scheduling, cancel, expiry, failures.
import { describe, expect, it } from "vitest";
import { createPlan } from "../../helpers/gateway";
import { numbers } from "../../helpers/numbers";
import {
  drain,
  queueOf,
  runUntil,
  sendUnanswered,
  setClock,
  simulatorRows,
  statusesOf,
} from "../../helpers/queue";

describe("simulator outcomes", () => {
  it("each last-four-digit rule reaches its status and code in batch, recipient and list reports", async () => {
    const plan = await createPlan();
    const to = ["46700009402", "46700009500", "46700009600", "46700001234"];
    const batch = (await plan.rest("POST", "/batches", { from: "12345", to, body: "hi" })).body;
    await drain(plan.id);
    const expected = {
      "46700009402": { status: "Aborted", code: 402 },
      "46700009500": { status: "Failed", code: 15 },
      "46700009600": { status: "Rejected", code: 16 },
      "46700001234": { status: "Delivered", code: 0 },
    };
    expect(await statusesOf(batch.id)).toEqual(expected);
    const report = await plan.rest("GET", `/batches/${batch.id}/delivery_report?type=full`);
    expect(report.body.statuses).toEqual([
      { code: 0, status: "Delivered", count: 1, recipients: ["46700001234"] },
      { code: 15, status: "Failed", count: 1, recipients: ["46700009500"] },
      { code: 16, status: "Rejected", count: 1, recipients: ["46700009600"] },
      { code: 402, status: "Aborted", count: 1, recipients: ["46700009402"] },
    ]);
    for (const [recipient, want] of Object.entries(expected)) {
      const r = await plan.rest("GET", `/batches/${batch.id}/delivery_report/${recipient}`);
      expect(r.body).toMatchObject(want);
    }
    const list = await plan.rest("GET", "/delivery_reports?type=recipient");
    expect(
      Object.fromEntries(
        list.body.delivery_reports.map((r: any) => [r.recipient, { status: r.status, code: r.code }]),
      ),
    ).toEqual(expected);
    // The handset view: everything but the unroutable number was received, once, with the body.
    const received = await simulatorRows(plan.id);
    expect(received.map((r) => r.recipient).sort()).toEqual(to.slice().sort());
    expect(received.every((r) => r.submissions === 1 && r.body === "hi")).toBe(true);
  });

  it("9700 gets no receipt: Dispatched until expire_at, then Expired", async () => {
    const plan = await createPlan();
    const batch = await sendUnanswered(plan);
    // Nothing left to send: the queue sleeps until expire_at.
    await runUntil(
      plan.id,
      async () => (await queueOf(plan.id).stats()).alarm === Date.parse(batch.expire_at),
    );
    await setClock(plan.id, Date.parse(batch.expire_at));
    await drain(plan.id);
    expect(await statusesOf(batch.id)).toEqual({ "46700009700": { status: "Expired", code: 406 } });
  });
});

describe("order and pace", () => {
  it("batches leave first in, first out across the plan", async () => {
    const plan = await createPlan({ rate_limit: 0 });
    const first = (
      await plan.rest("POST", "/batches", { from: "12345", to: numbers(600, "4671"), body: "A" })
    ).body;
    const second = (await plan.rest("POST", "/batches", { from: "12345", to: ["46720000001"], body: "B" }))
      .body;
    await drain(plan.id);
    const rows = await simulatorRows(plan.id);
    expect(rows).toHaveLength(601);
    const lastOfFirst = Math.max(...rows.filter((r) => r.batch_id === first.id).map((r) => r.rowid));
    const onlyOfSecond = rows.find((r) => r.batch_id === second.id);
    expect(onlyOfSecond?.rowid).toBeGreaterThan(lastOfFirst);
  });

  it("holds the plan's rate limit, one message per recipient", async () => {
    const plan = await createPlan({ rate_limit: 20 });
    const t0 = Date.now() + 10_000;
    await setClock(plan.id, t0);
    const batch = (await plan.rest("POST", "/batches", { from: "12345", to: numbers(100), body: "x" })).body;
    const sent = async () =>
      Object.values(await statusesOf(batch.id)).filter((s) => s.status !== "Queued").length;
    await runUntil(plan.id, async () => (await sent()) > 0);
    // Burst capacity is a fifth of a second's worth: 4 messages at 20/s, then 2 per 100 ms.
    expect(await sent()).toBe(4);
    for (let step = 1; step <= 30; step++) {
      await setClock(plan.id, t0 + step * 100);
      await runUntil(plan.id, async () => (await sent()) >= 4 + 2 * step);
      if (step % 10 === 0) expect(await sent()).toBe(4 + 20 * (step / 10));
    }
    await setClock(plan.id, t0 + 3_000);
    await runUntil(plan.id, async () => ((await queueOf(plan.id).stats()).alarm ?? 0) > t0 + 3_000);
    expect(await sent()).toBe(64);
  });
});

describe("scheduling, cancel, expiry", () => {
  it("a scheduled batch waits for send_at to the millisecond and resolves its groups then", async () => {
    const plan = await createPlan();
    const group = (await plan.rest("POST", "/groups", { members: ["46700000001"] })).body.id;
    const sendAt = Date.now() + 3_600_123;
    const batch = (
      await plan.rest("POST", "/batches", {
        from: "12345",
        to: [group],
        body: "x",
        send_at: new Date(sendAt).toISOString(),
      })
    ).body;
    expect((await queueOf(plan.id).stats()).alarm).toBe(sendAt);
    await plan.rest("POST", `/groups/${group}`, { add: ["46700000002"], remove: ["46700000001"] });
    await plan.rest("POST", `/batches/${batch.id}`, { body: "updated before send_at" });
    await setClock(plan.id, sendAt);
    await drain(plan.id);
    const rows = await simulatorRows(plan.id);
    expect(rows.map((r) => [r.recipient, r.body])).toEqual([["46700000002", "updated before send_at"]]);
    expect(await statusesOf(batch.id)).toEqual({ "46700000002": { status: "Delivered", code: 0 } });
    const late = await plan.rest("POST", `/batches/${batch.id}`, { body: "too late" });
    expect(late.status).toBe(409);
  });

  it("cancel ends undispatched recipients as Cancelled (407) and nothing is sent", async () => {
    const plan = await createPlan();
    const batch = (
      await plan.rest("POST", "/batches", {
        from: "12345",
        to: numbers(3),
        body: "x",
        send_at: "2099-01-01T00:00:00Z",
      })
    ).body;
    await plan.rest("DELETE", `/batches/${batch.id}`);
    expect(Object.values(await statusesOf(batch.id))).toEqual(
      Array(3).fill({ status: "Cancelled", code: 407 }),
    );
    expect((await queueOf(plan.id).stats()).jobs).toBe(0);
    await setClock(plan.id, Date.parse("2099-01-01T00:00:01Z"));
    await drain(plan.id);
    expect(await simulatorRows(plan.id)).toEqual([]);
  });

  it("expire_at passing before dispatch ends recipients Expired without sending", async () => {
    const plan = await createPlan();
    const batch = (
      await plan.rest("POST", "/batches", {
        from: "12345",
        to: numbers(2),
        body: "x",
        send_at: "2099-01-01T00:00:00Z",
        expire_at: "2099-01-01T01:00:00Z",
      })
    ).body;
    await setClock(plan.id, Date.parse("2099-01-01T02:00:00Z"));
    await drain(plan.id);
    expect(Object.values(await statusesOf(batch.id))).toEqual(
      Array(2).fill({ status: "Expired", code: 406 }),
    );
    expect(await simulatorRows(plan.id)).toEqual([]);
  });
});

describe("per-recipient failures", () => {
  it("a recipient without a parameter value fails with 405 while the others go out", async () => {
    const plan = await createPlan();
    const batch = (
      await plan.rest("POST", "/batches", {
        from: "12345",
        to: ["46700000001", "46700000002"],
        body: "Hi ${name}",
        parameters: { name: { "46700000001": "Ann" } },
      })
    ).body;
    await drain(plan.id);
    expect(await statusesOf(batch.id)).toEqual({
      "46700000001": { status: "Delivered", code: 0 },
      "46700000002": { status: "Aborted", code: 405 },
    });
    expect((await simulatorRows(plan.id)).map((r) => r.body)).toEqual(["Hi Ann"]);
  });

  it("more parts than max_number_of_message_parts fails with 411; the report then names the parts", async () => {
    const plan = await createPlan();
    const batch = (
      await plan.rest("POST", "/batches", {
        from: "12345",
        to: ["46700000001", "46700000002"],
        body: "${text}!",
        parameters: { text: { "46700000001": "short", default: "x".repeat(160) } },
        max_number_of_message_parts: 1,
      })
    ).body;
    await drain(plan.id);
    expect(await statusesOf(batch.id)).toEqual({
      "46700000001": { status: "Delivered", code: 0 },
      "46700000002": { status: "Aborted", code: 411 },
    });
    const report = await plan.rest("GET", `/batches/${batch.id}/delivery_report/46700000001`);
    expect(report.body.number_of_message_parts).toBe(1);
  });
});
