// Engine log lines and Analytics Engine points: what a dispatch step and an unavailable upstream report, and silence when off.
import { afterEach, describe, expect, it, vi } from "vitest";
import { addOptOut } from "../../../src/db/opt-outs";
import { dispatchStep } from "../../../src/domain/delivery/dispatch-step";
import { type EngineEvent, engineLog } from "../../../src/domain/delivery/engine-log";
import { deliveryHarness, T0 } from "../../helpers/node/delivery-harness";

afterEach(() => vi.restoreAllMocks());

describe("engine log", () => {
  it("one line per dispatch step: plan, batches, recipients, submitted, milliseconds", async () => {
    const h = await deliveryHarness();
    const lines: EngineEvent[] = [];
    h.deps.log = (e) => lines.push(e);
    await addOptOut(h.db, h.deps.plan.id, "46700000003", "api", T0);
    await h.send({ to: ["46700000001", "46700000002"] });
    await h.send({ to: ["46700000003"] });
    await dispatchStep(h.deps);
    expect(lines).toEqual([
      {
        event: "dispatch_step",
        plan: "plan-1",
        batches: 2,
        recipients: 3,
        submitted: 2,
        ms: expect.any(Number),
      },
    ]);
  });

  it("an unavailable upstream is one warning line with the retry time", async () => {
    const h = await deliveryHarness();
    const lines: EngineEvent[] = [];
    h.deps.log = (e) => lines.push(e);
    await h.send({ to: ["46700000001"] });
    h.upstream.refuseNext(1);
    await h.run();
    expect(lines).toEqual([
      {
        event: "upstream_unavailable",
        plan: "plan-1",
        retry_at: new Date(h.deps.memory.backoffUntil).toISOString(),
        error: "scripted refusal",
      },
    ]);
  });

  it("writes JSON lines when on and nothing when off (REQUEST_LOG=off)", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const entry: EngineEvent = { event: "upstream_unavailable", plan: "p", retry_at: "t", error: "e" };
    engineLog(false)(entry);
    expect(warn).not.toHaveBeenCalled();
    engineLog(true)(entry);
    engineLog(true)({ event: "dispatch_step", plan: "p", batches: 1, recipients: 2, submitted: 2, ms: 3 });
    expect(warn.mock.calls.map((c) => JSON.parse(String(c[0])))).toEqual([entry]);
    expect(JSON.parse(String(log.mock.calls[0]?.[0]))).toMatchObject({
      event: "dispatch_step",
      recipients: 2,
    });
  });
});

describe("analytics points", () => {
  it("one point per event class of each recorded change; none without the binding", async () => {
    const h = await deliveryHarness();
    const points: { indexes?: string[]; blobs?: string[]; doubles?: number[] }[] = [];
    h.deps.analytics = { writeDataPoint: (p) => points.push(p) };
    const batch = await h.send({ to: ["46700000001", "46700000002", "46700000003"] });
    await dispatchStep(h.deps);
    expect(points).toEqual([{ indexes: ["plan-1"], blobs: ["Dispatched", "401"], doubles: [3] }]);
    h.deps.analytics = undefined;
    h.clock.now += 60_000;
    await h.settle();
    expect(points).toHaveLength(1);
    // Receipts recorded without the binding: nothing breaks.
    expect(Object.values(await h.statuses(batch.id))).toEqual(Array(3).fill("Delivered/0"));
  });
});
