// A plan's statistics: counters by minute bucket (kept by triggers as state changes), summed to the asked granularity.
import { type StatRow, statBuckets } from "../../db/plan-stats";
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

/** Stored metric -> wire field; final statuses are stored as their lower-case name with the code. */
const FIELDS: Record<string, keyof Omit<StatCounts, "statuses" | "opted_out">> = {
  accepted: "accepted",
  dispatched: "dispatched",
  parts: "parts_sent",
  inbound: "inbound_received",
  delivered: "delivered",
  failed: "failed",
  rejected: "rejected",
  aborted: "aborted",
  expired: "expired",
  cancelled: "cancelled",
};

/** Final statuses only: "dispatched" is the counter of messages that left, not a status a recipient ends in. */
const STATUS_BY_METRIC = new Map<string, DeliveryStatus>(
  DELIVERY_STATUSES.filter((s) => s !== "Queued" && s !== "Dispatched").map((s) => [s.toLowerCase(), s]),
);

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
  statuses: [],
});

function add(into: StatCounts, row: StatRow): void {
  const field = FIELDS[row.metric];
  if (field) into[field] += row.count;
  const status = STATUS_BY_METRIC.get(row.metric);
  if (!status) return;
  if (status === CODES.optedOut.status && row.code === CODES.optedOut.code) into.opted_out += row.count;
  const same = into.statuses.find((s) => s.status === status && s.code === row.code);
  if (same) same.count += row.count;
  else into.statuses.push({ status, code: row.code, count: row.count });
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
    let bucket = buckets.at(-1);
    const start = toIso(row.bucket * MINUTE_MS);
    if (bucket?.start !== start) {
      bucket = { start, ...emptyCounts() };
      buckets.push(bucket);
    }
    add(bucket, row);
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
