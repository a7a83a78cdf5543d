// The alarm board: a run yields to the event loop only when another plan's alarm in the isolate is due.
import { afterEach, describe, expect, it } from "vitest";
import { noteAlarm, othersDue, yieldToDueAlarms } from "../../../src/queue/alarm-board";

describe("alarm board", () => {
  afterEach(() => {
    for (const id of ["a", "b"]) noteAlarm(id, null);
  });

  it("sees another plan's alarm once it is due, never its own", () => {
    noteAlarm("a", 1_000);
    expect(othersDue("a", 5_000)).toBe(false);
    expect(othersDue("b", 999)).toBe(false);
    expect(othersDue("b", 1_000)).toBe(true);
  });

  it("forgets an alarm that fired (or was deleted) and one far overdue (its object is elsewhere)", () => {
    noteAlarm("a", 1_000);
    noteAlarm("a", null);
    expect(othersDue("b", 2_000)).toBe(false);
    noteAlarm("a", 1_000);
    expect(othersDue("b", 1_000 + 9_999)).toBe(true);
    expect(othersDue("b", 1_000 + 10_000)).toBe(false);
  });

  it("lets due timers run first when another plan is due, and returns at once otherwise", async () => {
    const order: string[] = [];
    setTimeout(() => order.push("timer"), 0);
    await yieldToDueAlarms("b");
    order.push("no wait");
    noteAlarm("a", Date.now() - 1);
    setTimeout(() => order.push("timer 2"), 0);
    await yieldToDueAlarms("b");
    order.push("after yield");
    expect(order).toEqual(["no wait", "timer", "timer 2", "after yield"]);
  });
});
