// Token bucket for a plan's rate limit (messages per second, one per recipient): pure functions.
export interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms). */
  at: number;
}

/** A rate of 0 means no limit. */
export const UNLIMITED = 0;

/**
 * A fifth of a second of burst: a plan at 50/s sends at most 10 at once after a pause, so over any
 * window the count stays within a few messages of rate × time (a one-second burst would add a whole
 * second's worth at the start of every busy period).
 */
export const capacity = (rate: number): number => Math.max(1, Math.ceil(rate / 5));

/**
 * The queue wakes when a tenth of a second's worth has accrued: half the capacity, so an alarm that
 * fires up to 0.1 s late still loses no tokens to the cap (waking only when full lost a bucket's worth
 * every few seconds: -2.4% at 50/s).
 */
export const wakeAt = (rate: number): number => Math.max(1, Math.ceil(rate / 10));

export function refill(bucket: Bucket, rate: number, now: number): Bucket {
  if (rate === UNLIMITED) return { tokens: Number.POSITIVE_INFINITY, at: now };
  const elapsed = Math.max(0, now - bucket.at);
  return { tokens: Math.min(capacity(rate), bucket.tokens + (elapsed * rate) / 1000), at: now };
}

/** Whole messages that may leave now. */
export const available = (bucket: Bucket): number => Math.floor(bucket.tokens);

export const spend = (bucket: Bucket, n: number): Bucket => ({ tokens: bucket.tokens - n, at: bucket.at });

/** Milliseconds until one whole token is available (0 when one already is). */
export function msUntilNextToken(bucket: Bucket, rate: number): number {
  if (rate === UNLIMITED || bucket.tokens >= 1) return 0;
  return Math.ceil(((1 - bucket.tokens) * 1000) / rate);
}

export const fullBucket = (rate: number, now: number): Bucket => ({
  tokens: rate === UNLIMITED ? Number.POSITIVE_INFINITY : capacity(rate),
  at: now,
});
