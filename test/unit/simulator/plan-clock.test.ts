// The queue object's clock jump as pure logic: it stops at each due time on the way, in order, and lands on the target.
import { describe, expect, it } from "vitest";
import { advanceTo, type ClockHost } from "../../../src/queue/clock";

/** A host whose work is a list of due times (plan time); running takes whatever is due now. */
function host(due: number[], wall = 1_000) {
  let offset = 0;
  const pending = [...due].sort((a, b) => a - b);
  const ran: number[] = [];
  const h: ClockHost = {
    offset: () => offset,
    setOffset: (ms) => {
      offset = ms;
    },
    wall: () => wall,
    nextDue: async () => pending[0] ?? null,
    runDue: async () => {
      while (pending[0] !== undefined && pending[0] <= wall + offset) ran.push(pending.shift() as number);
    },
  };
  return { h, ran, pending, now: () => wall + offset };
}

describe("advanceTo", () => {
  it("runs each due time inside the jump in order, at that time, then lands on the target", async () => {
    const { h, ran, pending, now } = host([1_005, 1_015, 1_035, 5_000]);
    const seen: number[] = [];
    const runDue = h.runDue;
    h.runDue = async () => {
      seen.push(now());
      await runDue();
    };
    await advanceTo(h, 3_000);
    expect(ran).toEqual([1_005, 1_015, 1_035]);
    expect(seen).toEqual([1_005, 1_015, 1_035]);
    expect(pending).toEqual([5_000]);
    expect(now()).toBe(4_000);
  });

  it("never moves the clock back", async () => {
    const { h, now } = host([]);
    await advanceTo(h, 500);
    await advanceTo(h, 200);
    expect(now()).toBe(1_500);
  });

  it("stops after its run limit when work keeps being due, and still lands on the target", async () => {
    const { h, now } = host([]);
    let runs = 0;
    h.nextDue = async () => now();
    h.runDue = async () => {
      runs++;
    };
    await advanceTo(h, 10_000);
    expect(runs).toBe(5_000);
    expect(now()).toBe(11_000);
  });
});
