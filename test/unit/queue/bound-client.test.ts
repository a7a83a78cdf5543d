// One QueueClient shape for the queue object's stub and for the object itself: every call names the plan first.
import { describe, expect, it } from "vitest";
import { boundClient, type QueueMethods } from "../../../src/queue/bound-client";

describe("boundClient", () => {
  it("passes the plan's id first and every argument through, reaching the queue afresh on each call", async () => {
    const calls: unknown[][] = [];
    let reached = 0;
    const record =
      (name: string, answer?: unknown) =>
      async (...args: unknown[]) => {
        calls.push([name, ...args]);
        return answer;
      };
    const queue = {
      enqueue: record("enqueue"),
      cancel: record("cancel"),
      advanceClock: record("advanceClock", 1_234),
      callbacksPending: record("callbacksPending"),
      recordEvents: record("recordEvents"),
      publish: record("publish"),
    } as unknown as QueueMethods;
    const client = boundClient(() => {
      reached++;
      return queue;
    }, "plan-1");

    await client.enqueue([], { rearm: true });
    await client.cancel("batch-1");
    expect(await client.advanceClock(60_000)).toBe(1_234);
    await client.callbacksPending(42);
    await client.recordEvents([]);
    await client.publish([]);

    expect(calls).toEqual([
      ["enqueue", "plan-1", [], { rearm: true }],
      ["cancel", "plan-1", "batch-1"],
      ["advanceClock", "plan-1", 60_000],
      ["callbacksPending", "plan-1", 42],
      ["recordEvents", "plan-1", []],
      ["publish", "plan-1", []],
    ]);
    expect(reached).toBe(6);
  });
});
