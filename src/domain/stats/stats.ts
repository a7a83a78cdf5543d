// A plan's statistics: counters by minute bucket (kept by triggers as state changes), summed to the asked granularity.
import { type StatBucket, statBuckets } from "../../db/plan-stats";
import type { PlanContext } from "../context";
import { CODES } from "../delivery/codes";
import { ApiError } from "../errors";
import { DELIVERY_STATUSES, type DeliveryStatus } from "../schemas/delivery-reports";
import type { Granularity, StatCounts, Stats, StatsQuery } from "../schemas/stats";
import { toIso } from "../time";

const MINUTE_MS = 60_000;
const BUCKET_MINUTES: Record<Granularity, number> = { minute: 1, hour: 60, day: 1440 };
/** A range answers at most this many buckets and spans at most MAX_DAYS: a read stays a small index range. */
export const MAX_BUCKETS = 1440;
export const MAX_DAYS = 31;
const DEFAULT_SPAN_MINUTES: Record<Granularity, number> = { minute: 60, hour: 1440, day: 1440 * 7 };

/** Final statuses are stored as their lower-case name with the code; "dispatched" is a counter, not one. */
const STATUS_BY_METRIC = new Map<string, DeliveryStatus>(
  DELIVERY_STATUSES.filter((s) => s !== "Queued" && s !== "Dispatched").map((s) => [s.toLowerCase(), s]),
);

/** The wire field of each final status that has one (others, e.g. Unknown, appear in `statuses` only). */
const STATUS_FIELDS: Partial<Record<DeliveryStatus, keyof StatCounts>> = {
  Delivered: "delivered",
  Failed: "failed",
  Rejected: "rejected",
  Aborted: "aborted",
  Expired: "expired",
  Cancelled: "cancelled",
};

/** `head`'s fields followed by every count at zero (a bucket's `start` comes first on the wire). */
const zeroCounts = <T extends object>(head: T): T & StatCounts => ({
  ...head,
  accepted: 0,
  dispatched: 0,
  parts_sent: 0,
  delivered: 0,
  failed: 0,
  rejected: 0,
  opted_out: 0,
  aborted: 0,
  expired: 0,
  cancelled: 0,
  inbound_received: 0,
  callbacks_ok: 0,
  callbacks_failed: 0,
  statuses: [],
});

type CountField = Exclude<keyof StatCounts, "statuses">;
const COUNT_FIELDS = Object.keys(zeroCounts({})).filter((k): k is CountField => k !== "statuses");

/** The wire field each stored metric adds to; final statuses also count in `statuses` by code. */
const FIELD_OF_METRIC: Record<string, CountField> = {
  accepted: "accepted",
  dispatched: "dispatched",
  parts: "parts_sent",
  inbound: "inbound_received",
  callback_ok: "callbacks_ok",
  callback_failed: "callbacks_failed",
  delivered: "delivered",
  failed: "failed",
  rejected: "rejected",
  aborted: "aborted",
  expired: "expired",
  cancelled: "cancelled",
};

/** Adds one bucket row's counters (flat `["metric",code,count,...]`) into `into`; false when all were zero. */
function addCounters(into: StatCounts, counters: string): boolean {
  const flat = JSON.parse(counters) as (string | number)[];
  let any = false;
  for (let i = 0; i + 2 < flat.length; i += 3) {
    const metric = flat[i] as string;
    const code = flat[i + 1] as number;
    const count = flat[i + 2] as number;
    if (count === 0) continue;
    any = true;
    const field = FIELD_OF_METRIC[metric];
    if (field) into[field] += count;
    const status = STATUS_BY_METRIC.get(metric);
    if (status) addStatus(into.statuses, status, code, count);
    if (status === CODES.optedOut.status && code === CODES.optedOut.code) into.opted_out += count;
  }
  return any;
}

function addStatus(statuses: StatCounts["statuses"], status: DeliveryStatus, code: number, count: number): void {
  const same = statuses.find((s) => s.status === status && s.code === code);
  if (same) same.count += count;
  else statuses.push({ status, code, count });
}

/** Adds a bucket's counts into the totals. */
function addInto(totals: StatCounts, counts: StatCounts): void {
  for (const field of COUNT_FIELDS) totals[field] += counts[field];
  for (const s of counts.statuses) addStatus(totals.statuses, s.status, s.code, s.count);
}

/** The range in whole buckets: start rounded down, end rounded up; bad or oversized ranges are a 400. */
export function statsRange(q: StatsQuery, now: number): { from: number; to: number; size: number } {
  const size = BUCKET_MINUTES[q.granularity];
  const span = DEFAULT_SPAN_MINUTES[q.granularity];
  const endMinute =
    q.end_date !== undefined
      ? Math.ceil(q.end_date / MINUTE_MS)
      : q.start_date !== undefined
        ? Math.floor(q.start_date / MINUTE_MS) + span
        : Math.ceil(now / MINUTE_MS);
  const startMinute = q.start_date !== undefined ? Math.floor(q.start_date / MINUTE_MS) : endMinute - span;
  const from = Math.floor(startMinute / size) * size;
  const to = Math.ceil(endMinute / size) * size;
  // start == end is an empty range (no buckets), not an error.
  if (to < from) throw new ApiError("syntax_constraint_violation", "end_date must not be before start_date");
  if (to - from > MAX_DAYS * 1440)
    throw new ApiError("syntax_constraint_violation", `The range must span at most ${MAX_DAYS} days`);
  if ((to - from) / size > MAX_BUCKETS)
    throw new ApiError(
      "syntax_constraint_violation",
      `The range must hold at most ${MAX_BUCKETS} ${q.granularity} buckets; use a coarser granularity`,
    );
  return { from, to, size };
}

export async function getStats(ctx: PlanContext, q: StatsQuery): Promise<Stats> {
  const { from, to, size } = statsRange(q, ctx.now());
  const rows = await statBuckets(ctx.db, ctx.plan.id, from, to, size);
  const totals = zeroCounts({});
  const buckets: Stats["buckets"] = [];
  for (const row of rows) {
    const bucket = zeroCounts({ start: toIso(row.bucket * MINUTE_MS) });
    if (!addCounters(bucket, row.counters)) continue;
    buckets.push(bucket);
    addInto(totals, bucket);
  }
  // One order whatever the granularity: by status, then code.
  for (const c of [...buckets, totals])
    c.statuses.sort((a, b) => (a.status < b.status ? -1 : a.status > b.status ? 1 : a.code - b.code));
  return {
    granularity: q.granularity,
    start_date: toIso(from * MINUTE_MS),
    end_date: toIso(to * MINUTE_MS),
    buckets,
    totals,
  };
}
