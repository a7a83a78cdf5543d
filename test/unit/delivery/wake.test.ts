// When the queue wakes: pure arithmetic over pending work, tokens, coalescing and backoff.
import { describe, expect, it } from "vitest";
import { COALESCE_MS } from "../../../src/domain/delivery/limits";
import { nextWake } from "../../../src/domain/delivery/wake";

const base = { now: 1_000, next: { inflight: false }, drainedAt: Number.NEGATIVE_INFINITY, backoffUntil: 0 };

describe("nextWake", () => {
  it("sleeps when nothing is pending", () => {
    expect(nextWake(base)).toBeNull();
  });

  it("wakes at the earliest of receipts, callbacks, expiry and send_at", () => {
    expect(
      nextWake({
        ...base,
        next: { inflight: false, event: 5_000, callback: 3_000, expiry: 9_000, ready: 4_000 },
      }),
    ).toBe(3_000);
  });

  it("never sets a time in the past", () => {
    expect(nextWake({ ...base, next: { inflight: false, callback: 10 } })).toBe(1_000);
  });

  it("lets arrivals coalesce after a step that emptied the line", () => {
    expect(nextWake({ ...base, drainedAt: 990, next: { inflight: false, ready: 1_000 } })).toBe(
      990 + COALESCE_MS,
    );
  });

  it("waits for a tenth of a second's worth of tokens at a rate limit", () => {
    expect(
      nextWake({
        ...base,
        rate: 50,
        bucket: { tokens: 0, at: 1_000 },
        next: { inflight: false, ready: 500 },
      }),
    ).toBe(1_100);
  });

  it("holds upstream work, but not receipts, until a backoff ends", () => {
    const next = { inflight: true, ready: 500, event: 4_000 };
    expect(nextWake({ ...base, backoffUntil: 6_000, next })).toBe(4_000);
    expect(nextWake({ ...base, backoffUntil: 6_000, next: { ...next, event: undefined } })).toBe(6_000);
  });
});
