// The D1 callback outbox on real SQL: bodies built in SQL equal the JS report builders, claims, attempts, pruning.
import { sql as query } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  claimDueCallbacks,
  findCallback,
  pruneCrowdedCallbacks,
  pruneOldCallbacks,
  recordAttempts,
} from "../../../src/db/callbacks";
import { statusCounts } from "../../../src/db/reports";
import { furthestPerRecipient } from "../../../src/db/status-events";
import { sendDueCallbacks } from "../../../src/domain/delivery/callback-delivery";
import type { StatusEvent } from "../../../src/domain/delivery/events";
import { batchReportOf, toRecipientReport } from "../../../src/domain/delivery-reports/reports";
import { migrate, QueueStore } from "../../../src/queue/storage";
import { deliveryHarness, type Harness, T0 } from "../../helpers/node/delivery-harness";
import { sqliteStorage } from "../../helpers/node/sqlite-d1";

const URL = "https://example.com/callback";

async function outbox(h: Harness) {
  return h.db.all<{ id: string; body: string; recipient: string | null; url: string; state: string }>(
    query`SELECT id, body, recipient, url, state FROM callbacks ORDER BY created_at, recipient`,
  );
}

const event = (batchId: string, recipient: string, status: StatusEvent["status"], code: number) =>
  ({ batchId, recipient, status, code, at: T0 + 1_234 }) satisfies StatusEvent;

describe("callbacks written with the state change", () => {
  it("a recipient report is the same JSON toRecipientReport writes, optional fields included", async () => {
    const h = await deliveryHarness({ callbackUrl: URL });
    const batch = await h.send({
      to: ["46700000001"],
      delivery_report: "per_recipient",
      client_reference: "ref",
    });
    await h.ctx.queue.recordEvents([
      {
        ...event(batch.id, "46700000001", "Delivered", 0),
        operatorStatusAt: T0 + 60_000,
        encoding: "GSM",
        parts: 2,
      },
    ]);
    const [row] = await outbox(h);
    const [recipient] = await h.db.all<Record<string, unknown>>(query`SELECT * FROM recipients`);
    const expected = toRecipientReport(
      {
        batchId: batch.id,
        recipient: "46700000001",
        servicePlanId: "plan-1",
        status: "Delivered",
        code: 0,
        at: recipient?.at as number,
        operatorStatusAt: recipient?.operator_status_at as number,
        encoding: recipient?.encoding as string,
        numberOfMessageParts: recipient?.number_of_message_parts as number,
        partsSent: null,
        feedbackAt: null,
      },
      "ref",
    );
    expect(row?.body).toBe(JSON.stringify(expected));
    expect(expected).toMatchObject({
      operator_status_at: expect.any(String),
      encoding: "GSM",
      number_of_message_parts: 2,
    });
    expect(row).toMatchObject({ recipient: "46700000001", url: URL, state: "pending" });
  });

  it("a full batch report is the same JSON batchReportOf writes, once, when the last recipient is final", async () => {
    const h = await deliveryHarness({ callbackUrl: URL });
    const batch = await h.send({
      to: ["46700000001", "46700000002", "46700000003"],
      delivery_report: "full",
    });
    await h.ctx.queue.recordEvents([
      event(batch.id, "46700000001", "Delivered", 0),
      event(batch.id, "46700000002", "Failed", 15),
    ]);
    expect(await outbox(h)).toHaveLength(0);
    await h.ctx.queue.recordEvents([event(batch.id, "46700000003", "Delivered", 0)]);
    await h.ctx.queue.recordEvents([event(batch.id, "46700000003", "Delivered", 0)]);
    const rows = await outbox(h);
    expect(rows).toHaveLength(1);
    const counts = await statusCounts(h.db, [batch.id], {}, true);
    expect(rows[0]?.body).toBe(JSON.stringify(batchReportOf(batch.id, null, 3, counts, true)));
    expect(JSON.parse(rows[0]?.body ?? "").statuses).toEqual([
      { code: 0, status: "Delivered", count: 2, recipients: ["46700000001", "46700000003"] },
      { code: 15, status: "Failed", count: 1, recipients: ["46700000002"] },
    ]);
  });

  it("no URL anywhere, or delivery_report none: nothing is written", async () => {
    const h = await deliveryHarness();
    const batch = await h.send({ to: ["46700000001"], delivery_report: "per_recipient" });
    const silent = await h.send({ to: ["46700000001"], callback_url: URL });
    await h.ctx.queue.recordEvents([
      event(batch.id, "46700000001", "Delivered", 0),
      event(silent.id, "46700000001", "Delivered", 0),
    ]);
    expect(await outbox(h)).toHaveLength(0);
  });

  it("two events for one recipient in one apply: the furthest along is applied and reported, once", async () => {
    const events = [
      event("B", "1", "Dispatched", 401),
      event("B", "1", "Delivered", 0),
      event("B", "1", "Failed", 15),
      event("B", "2", "Dispatched", 401),
    ];
    expect(furthestPerRecipient(events).map((e) => `${e.recipient}:${e.status}`)).toEqual([
      "1:Delivered",
      "2:Dispatched",
    ]);
    const h = await deliveryHarness({ callbackUrl: URL });
    const batch = await h.send({ to: ["46700000001"], delivery_report: "per_recipient" });
    await h.ctx.queue.recordEvents([
      event(batch.id, "46700000001", "Dispatched", 401),
      event(batch.id, "46700000001", "Delivered", 0),
    ]);
    expect((await outbox(h)).map((r) => JSON.parse(r.body).status)).toEqual(["Delivered"]);
    expect(h.store.callbacksDue()).toBe(h.clock.now);
  });
});

describe("draining the outbox", () => {
  async function twoPending() {
    const h = await deliveryHarness({ callbackUrl: URL });
    const batch = await h.send({
      to: ["46700000001", "46700000002"],
      delivery_report: "per_recipient_final",
    });
    await h.ctx.queue.recordEvents([
      event(batch.id, "46700000001", "Delivered", 0),
      event(batch.id, "46700000002", "Delivered", 0),
    ]);
    return h;
  }

  it("a claim leases what it read: an overlapping claim gets nothing until the lease ends", async () => {
    const h = await twoPending();
    const now = h.clock.now;
    expect(await claimDueCallbacks(h.db, "plan-1", now, 10, now + 60_000)).toHaveLength(2);
    expect(await claimDueCallbacks(h.db, "plan-1", now, 10, now + 60_000)).toHaveLength(0);
    expect(await claimDueCallbacks(h.db, "other-plan", now + 60_000, 10, now + 120_000)).toHaveLength(0);
    expect(await claimDueCallbacks(h.db, "plan-1", now + 60_000, 1, now + 120_000)).toHaveLength(1);
  });

  it("attempts are numbered by the row's counter, and delivered never goes back", async () => {
    const h = await twoPending();
    const now = h.clock.now;
    const [a, b] = await claimDueCallbacks(h.db, "plan-1", now, 10, now + 60_000);
    const attempt = { at: now, url: URL, error: null, latencyMs: 3, response: "ok" };
    const next = await recordAttempts(
      h.db,
      "plan-1",
      [
        { ...attempt, id: a?.id ?? "", state: "pending", nextAt: now + 5_000, status: 503 },
        { ...attempt, id: b?.id ?? "", state: "delivered", nextAt: null, status: 200 },
      ],
      [],
      now,
    );
    expect(next).toBe(now + 5_000);
    // A redelivery that succeeds, then a late drain result that failed: still delivered.
    await recordAttempts(
      h.db,
      "plan-1",
      [{ ...attempt, id: a?.id ?? "", state: "delivered", nextAt: null, status: 200 }],
      [],
      now,
    );
    const last = await recordAttempts(
      h.db,
      "plan-1",
      [{ ...attempt, id: a?.id ?? "", state: "pending", nextAt: now + 10_000, status: 500 }],
      [],
      now,
    );
    expect(last).toBeUndefined();
    const found = await findCallback(h.db, "plan-1", a?.id ?? "");
    expect(found?.row).toMatchObject({ state: "delivered", attempts: 3, nextAt: null, lastStatus: 500 });
    expect(found?.attempts.map((x) => `${x.attempt}:${x.status}:${x.nextAt}`)).toEqual([
      `1:503:${now + 5_000}`,
      "2:200:null",
      "3:500:null",
    ]);
    expect(await findCallback(h.db, "other-plan", a?.id ?? "")).toBeUndefined();
  });

  it("rows claimed but not tried are released, due at once, with no attempt counted", async () => {
    const h = await twoPending();
    const now = h.clock.now;
    const rows = await claimDueCallbacks(h.db, "plan-1", now, 10, now + 60_000);
    expect(
      await recordAttempts(
        h.db,
        "plan-1",
        [],
        rows.map((r) => r.id),
        now,
      ),
    ).toBe(now);
    expect((await claimDueCallbacks(h.db, "plan-1", now, 10, now + 60_000)).map((r) => r.attempts)).toEqual([
      0, 0,
    ]);
  });

  it("pruning drops callbacks older than the cutoff, then all but the newest `cap` of a plan, attempts too", async () => {
    const h = await twoPending();
    const now = h.clock.now;
    const [a] = await claimDueCallbacks(h.db, "plan-1", now, 1, now + 60_000);
    await recordAttempts(
      h.db,
      "plan-1",
      [
        {
          id: a?.id ?? "",
          state: "delivered",
          nextAt: null,
          at: now,
          url: URL,
          status: 200,
          error: null,
          latencyMs: 1,
          response: null,
        },
      ],
      [],
      now,
    );
    expect(await pruneOldCallbacks(h.db, now, 100)).toBe(0);
    expect(await pruneOldCallbacks(h.db, now + 1, 100)).toBe(2);
    const left = await h.db.all<{ n: number }>(query`SELECT count(*) AS n FROM callback_attempts`);
    expect(left[0]?.n).toBe(0);

    const more = await twoPending();
    expect(await pruneCrowdedCallbacks(more.db, 2, 100)).toBe(0);
    expect(await pruneCrowdedCallbacks(more.db, 1, 100)).toBe(1);
    expect(await outbox(more)).toHaveLength(1);
  });
});

describe("the queue object's note of when callbacks are due", () => {
  it("keeps the earliest note, and a drain's answer does not erase a note made while it ran", async () => {
    const h = await deliveryHarness();
    expect(h.store.nextTimes().callback).toBeUndefined();
    h.store.noteCallbacksDue(2_000);
    h.store.noteCallbacksDue(3_000);
    expect(h.store.callbacksDue()).toBe(2_000);
    const mark = h.store.callbacksMark();
    h.store.settleCallbacksDue(9_000, mark);
    expect(h.store.nextTimes().callback).toBe(9_000);

    const during = h.store.callbacksMark();
    h.store.noteCallbacksDue(5_000);
    h.store.settleCallbacksDue(undefined, during);
    expect(h.store.callbacksDue()).toBe(5_000);
    h.store.settleCallbacksDue(undefined, h.store.callbacksMark());
    expect(h.store.callbacksDue()).toBeUndefined();
  });
});

describe("the queue object's old SQLite outbox", () => {
  it("rows left there move to D1 as they were, and the object notes when they are due", async () => {
    const h = await deliveryHarness();
    const sql = sqliteStorage();
    migrate(sql);
    const store = new QueueStore(sql);
    const due = h.clock.now + 10_000;
    const report = { type: "recipient_delivery_report_sms", batch_id: "B1", recipient: "46700000001" };
    sql.exec(
      "INSERT INTO callbacks (url, body, attempts, next_at) VALUES (?, ?, 2, ?), (?, ?, 0, ?)",
      URL,
      JSON.stringify(report),
      due,
      URL,
      JSON.stringify({ type: "mo_text", id: "IN1" }),
      due + 1,
    );
    await sendDueCallbacks({ db: h.db, store, planId: "plan-1", secret: "s", now: h.clock.now });
    expect(store.legacyCallbacks(10)).toEqual([]);
    expect(store.callbacksDue()).toBe(due);
    const rows = await h.db.all<Record<string, unknown>>(
      query`SELECT kind, batch_id, inbound_id, recipient, attempts, next_at, state FROM callbacks ORDER BY next_at`,
    );
    expect(rows).toEqual([
      {
        kind: "delivery_report",
        batch_id: "B1",
        inbound_id: null,
        recipient: "46700000001",
        attempts: 2,
        next_at: due,
        state: "pending",
      },
      {
        kind: "inbound",
        batch_id: null,
        inbound_id: "IN1",
        recipient: null,
        attempts: 0,
        next_at: due + 1,
        state: "pending",
      },
    ]);
  });
});
