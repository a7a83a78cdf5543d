// When the queue object should wake next: pure arithmetic over its pending work, the bucket and the backoff.
import type { NextTimes } from "./deps";
import { COALESCE_MS } from "./limits";
import { type Bucket, msUntilNextToken, wakeAt } from "./pacing";

export interface WakeInputs {
  now: number;
  next: NextTimes;
  /** The plan's rate limit (0: none) and its bucket now; undefined when the plan is not known. */
  rate?: number;
  bucket?: Bucket;
  drainedAt: number;
  backoffUntil: number;
}

/**
 * The earliest pending work: a receipt, a callback, an expiry, a crash to reconcile, a batch's send_at,
 * or, for a due batch, when the bucket holds a useful handful of tokens. Upstream work waits out a
 * backoff. null: nothing pending.
 */
export function nextWake(w: WakeInputs): number | null {
  const { now, next } = w;
  const times = [next.event, next.callback, next.expiry, next.reply];
  const upstreamWork = [next.inflight ? now : undefined];
  if (next.ready !== undefined)
    upstreamWork.push(
      next.ready > now ? next.ready : Math.max(now + tokenWait(w.rate, w.bucket), w.drainedAt + COALESCE_MS),
    );
  for (const t of upstreamWork) if (t !== undefined) times.push(Math.max(t, w.backoffUntil));
  const due = times.filter((t): t is number => t !== undefined);
  return due.length === 0 ? null : Math.max(now, Math.min(...due));
}

/** Waiting for one token at a time would wake the object per message: wait for a tenth of a second's worth. */
export function tokenWait(rate: number | undefined, bucket: Bucket | undefined): number {
  if (rate === undefined || rate === 0 || bucket === undefined) return 0;
  const want = wakeAt(rate);
  if (bucket.tokens >= want) return 0;
  return Math.max(msUntilNextToken(bucket, rate), Math.ceil(((want - bucket.tokens) * 1000) / rate));
}
