import { describe, expect, it } from "vitest";
import {
  available,
  capacity,
  fullBucket,
  msUntilNextToken,
  refill,
  spend,
  wakeAt,
} from "../../../src/domain/delivery/pacing";

describe("token bucket", () => {
  it("holds a fifth of a second of burst and refills at the rate", () => {
    expect(capacity(50)).toBe(10);
    expect(capacity(1)).toBe(1);
    expect(wakeAt(50)).toBe(5);
    let b = fullBucket(50, 0);
    expect(available(b)).toBe(10);
    b = spend(b, 10);
    expect(available(refill(b, 50, 100))).toBe(5);
    expect(available(refill(b, 50, 10_000))).toBe(10);
  });

  it("says how long until the next whole token", () => {
    const b = spend(fullBucket(20, 0), 1);
    expect(msUntilNextToken(b, 20)).toBe(0);
    const empty = spend(fullBucket(20, 0), 4);
    expect(msUntilNextToken(empty, 20)).toBe(50);
  });

  it("rate 0 means no limit", () => {
    expect(available(fullBucket(0, 0))).toBe(Number.POSITIVE_INFINITY);
    expect(msUntilNextToken(spend(fullBucket(0, 0), 1e9), 0)).toBe(0);
  });

  it("sends rate × time over a long window, give or take the burst", () => {
    let b = fullBucket(50, 0);
    let sent = 0;
    for (let t = 0; t <= 20_000; t += 100) {
      b = refill(b, 50, t);
      const n = available(b);
      sent += n;
      b = spend(b, n);
    }
    expect(sent).toBeGreaterThanOrEqual(1000);
    expect(sent).toBeLessThanOrEqual(1000 + capacity(50));
  });
});
