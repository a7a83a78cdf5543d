// A plan's statistics: counters by minute bucket (kept by triggers as state changes), summed to the asked granularity.
import { PLAIN_METRICS, type StatBucket, statBuckets } from "../../db/plan-stats";
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

const emptyCounts = (): StatCounts => ({
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

/** Adds one bucket row into `into`; false when the row counted nothing at all. */
function add(into: StatCounts, row: StatBucket): boolean {
  into.accepted += row.accepted;
  into.dispatched += row.dispatched;
  into.parts_sent += row.parts;
  into.inbound_received += row.inbound;
  into.callbacks_ok += row.callback_ok;
  into.callbacks_failed += row.callback_failed;
  let any = PLAIN_METRICS.some((m) => row[m] !== 0);
  for (const [metric, code, count] of JSON.parse(row.finals) as [string, number, number][]) {
    const status = STATUS_BY_METRIC.get(metric);
    if (!status || count === 0) continue;
    any = true;
    const field = STATUS_FIELDS[status];
    if (field) (into[field] as number) += count;
    if (status === CODES.optedOut.status && code === CODES.optedOut.code) into.opted_out += count;
    const same = into.statuses.find((s) => s.status === status && s.code === code);
    if (same) same.count += count;
    else into.statuses.push({ status, code, count });
  }
  return any;
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
  const totals = emptyCounts();
  const buckets: Stats["buckets"] = [];
  for (const row of rows) {
    const bucket = { start: toIso(row.bucket * MINUTE_MS), ...emptyCounts() };
    if (add(bucket, row)) buckets.push(bucket);
    add(totals, row);
  }
  // One order whatever the granularity: by status, then code.
  for (const c of [...buckets, totals])
    c.statuses.sort((a, b) => a.status.localeCompare(b.status) || a.code - b.code);
  return {
    granularity: q.granularity,
    start_date: toIso(from * MINUTE_MS),
    end_date: toIso(to * MINUTE_MS),
    buckets,
    totals,
  };
}
