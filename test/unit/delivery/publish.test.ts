// Engine changes as live events: what a step publishes, and that nobody listening costs no D1 query.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../../../src/db/client";
import type { LiveSink } from "../../../src/domain/delivery/deps";
import { callbackAttemptEvent, countsOf, publishChanges } from "../../../src/domain/delivery/publish";
import type { LiveEventInput } from "../../../src/domain/schemas/live-events";
import { deliveryHarness } from "../../helpers/node/delivery-harness";

function recordingSink(listening: boolean): LiveSink & { events: LiveEventInput[] } {
  const events: LiveEventInput[] = [];
  return { events, publish: (e) => events.push(...e), listening: () => listening };
}

const row = (recipient: string, status: string, code: number) => ({
  batchId: "B1",
  recipient,
  servicePlanId: "plan-1",
  status,
  code,
  at: Date.UTC(2030, 0, 1),
  operatorStatusAt: null,
  encoding: null,
  numberOfMessageParts: null,
  partsSent: null,
  feedbackAt: null,
});

afterEach(() => vi.restoreAllMocks());

describe("publishing engine changes", () => {
  it("without a listener: one recipient.status per changed row, no progress and no D1 query", async () => {
    const warn = vi.spyOn(console, "warn");
    const untouchable = new Proxy({} as Db, {
      get: () => {
        throw new Error("D1 was queried");
      },
    });
    const sink = recordingSink(false);
    await publishChanges(
      { db: untouchable, live: sink },
      [row("46700000001", "Dispatched", 401), row("46700000002", "Aborted", 402)],
      [
        {
          id: "B1",
          servicePlanId: "plan-1",
          deliveryReport: "none",
          callbackUrl: null,
          clientReference: null,
          completedNow: true,
        },
      ],
    );
    expect(sink.events).toEqual([
      {
        type: "recipient.status",
        data: {
          batch_id: "B1",
          recipient: "46700000001",
          status: "Dispatched",
          code: 401,
          at: "2030-01-01T00:00:00.000Z",
        },
      },
      {
        type: "recipient.status",
        data: {
          batch_id: "B1",
          recipient: "46700000002",
          status: "Aborted",
          code: 402,
          at: "2030-01-01T00:00:00.000Z",
        },
      },
    ]);
    expect(warn).not.toHaveBeenCalled();
  });

  it("with a listener: each step's progress, ending in completed with every final status counted", async () => {
    const h = await deliveryHarness();
    const sink = recordingSink(true);
    h.deps.live = sink;
    // The simulator's rules: 9500 fails (15), the others are delivered, each receipt a second later.
    const batch = await h.send({ to: ["46700001234", "46700009500", "46700001235"] });
    await h.settle();
    h.clock.now += 1_000;
    await h.settle();
    const progress = sink.events.filter((e) => e.type === "batch.progress").map((e) => e.data);
    expect(progress[0]).toEqual({
      batch_id: batch.id,
      counts: { queued: 0, dispatched: 3, delivered: 0, failed: 0 },
    });
    expect(progress.at(-1)).toEqual({
      batch_id: batch.id,
      counts: { queued: 0, dispatched: 0, delivered: 2, failed: 1 },
      completed: true,
    });
    expect(sink.events.filter((e) => e.type === "recipient.status")).toHaveLength(6);
  });

  it("counts Queued, Dispatched and Delivered as themselves and every other status as failed", () => {
    const rows = [
      "Queued",
      "Dispatched",
      "Delivered",
      "Failed",
      "Expired",
      "Rejected",
      "Cancelled",
      "Aborted",
    ].map((status) => ({ batchId: "B", status, code: 0, count: 2, recipients: null }));
    expect(countsOf(rows)).toEqual({ queued: 2, dispatched: 2, delivered: 2, failed: 10 });
  });

  it("names a callback by what its body reports, and its outcome by whether another attempt follows", () => {
    const at = (body: unknown) => ({
      id: 7,
      url: "https://x.test/cb",
      body: JSON.stringify(body),
      attempts: 2,
      next_at: 0,
    });
    const kinds = [
      { type: "mo_text" },
      { type: "recipient_delivery_report_sms" },
      { type: "delivery_report_sms" },
    ].map(
      (body) =>
        callbackAttemptEvent(at(body), { outcome: "delivered", status: 200, latencyMs: 12 }, true).data,
    );
    expect(kinds.map((k) => ("kind" in k ? k.kind : ""))).toEqual([
      "inbound",
      "recipient_report",
      "batch_report",
    ]);
    expect(callbackAttemptEvent(at({}), { outcome: "retry", status: 503, latencyMs: 5 }, false).data).toEqual(
      {
        id: 7,
        kind: "unknown",
        url: "https://x.test/cb",
        attempt: 3,
        status: 503,
        outcome: "retry",
        latency_ms: 5,
      },
    );
    expect(callbackAttemptEvent(at({}), { outcome: "retry" }, true).data).toMatchObject({
      outcome: "gave_up",
      status: null,
    });
  });
});
