// A plan's statistics: counters by minute bucket (kept by triggers as state changes), summed to the asked granularity.
import { STAT_METRICS, type StatMetric, statCounterLists } from "../../db/plan-stats";
import type { PlanContext } from "../context";
import { CODES } from "../delivery/codes";
import { ApiError } from "../errors";
import { DELIVERY_STATUSES, type DeliveryStatus } from "../schemas/delivery-reports";
import type { Granularity, StatCounts, Stats, StatsQuery } from "../schemas/stats";
import { minuteToIso, toIso } from "../time";

const MINUTE_MS = 60_000;
const BUCKET_MINUTES: Record<Granularity, number> = { minute: 1, hour: 60, day: 1440 };
/** A range answers at most this many buckets and spans at most MAX_DAYS: a read stays a small index range. */
export const MAX_BUCKETS = 1440;
export const MAX_DAYS = 31;
const DEFAULT_SPAN_MINUTES: Record<Granularity, number> = { minute: 60, hour: 1440, day: 1440 * 7 };

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

/** The wire field of each final status that has one (others, e.g. Unknown, appear in `statuses` only). */
const STATUS_FIELDS: Partial<Record<DeliveryStatus, CountField>> = {
  Delivered: "delivered",
  Failed: "failed",
  Rejected: "rejected",
  Aborted: "aborted",
  Expired: "expired",
  Cancelled: "cancelled",
};

interface Metric {
  field: CountField | undefined;
  /** Final statuses are stored as their lower-case name with the code, and counted by code too. */
  status: DeliveryStatus | undefined;
}

const PLAIN_FIELDS: Partial<Record<StatMetric, CountField>> = {
  accepted: "accepted",
  dispatched: "dispatched",
  parts: "parts_sent",
  inbound: "inbound_received",
  callback_ok: "callbacks_ok",
  callback_failed: "callbacks_failed",
};

/** What each stored metric counts into, by metric id; "dispatched" is a counter, not a final status. */
const METRICS: Metric[] = STAT_METRICS.map((name) => {
  const field = PLAIN_FIELDS[name];
  if (field) return { field, status: undefined };
  const status = DELIVERY_STATUSES.find((s) => s.toLowerCase() === name);
  return { field: status && STATUS_FIELDS[status], status };
});

/** Adds one counter (a stored metric, its code and count) into `into`. */
function addCounter(into: StatCounts, metric: Metric, code: number, count: number): void {
  if (metric.field) into[metric.field] += count;
  const { status } = metric;
  if (!status) return;
  if (status === CODES.optedOut.status && code === CODES.optedOut.code) into.opted_out += count;
  addStatus(into.statuses, status, code, count);
}

/** Adds every count of `counts` into `into`. */
function addCounts(into: StatCounts, counts: StatCounts): void {
  for (const field of COUNT_FIELDS) into[field] += counts[field];
  for (const s of counts.statuses) addStatus(into.statuses, s.status, s.code, s.count);
}

function addStatus(
  statuses: StatCounts["statuses"],
  status: DeliveryStatus,
  code: number,
  count: number,
): void {
  for (const s of statuses)
    if (s.status === status && s.code === code) {
      s.count += count;
      return;
    }
  statuses.push({ status, code, count });
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

type Bucket = Stats["buckets"][number];

export async function getStats(ctx: PlanContext, q: StatsQuery): Promise<Stats> {
  const { from, to, size } = statsRange(q, ctx.now());
  const lists = await statCounterLists(ctx.db, ctx.plan.id, from, to);
  const totals = zeroCounts({});
  const byStart = new Map<number, Bucket>();
  let start = Number.NaN;
  let bucket: Bucket | undefined;
  for (const { hour, counters } of lists) {
    // minute in hour, metric id, code, count, ... (see statCounterLists): one JSON.parse per list.
    const flat = JSON.parse(`[${counters}]`) as number[];
    for (let i = 0; i + 3 < flat.length; i += 4) {
      const minute = hour + (flat[i] as number);
      const count = flat[i + 3] as number;
      const metric = METRICS[flat[i + 1] as number];
      if (minute < from || minute >= to || count === 0 || !metric) continue;
      const bucketStart = Math.floor(minute / size) * size;
      if (bucketStart !== start) {
        start = bucketStart;
        bucket = byStart.get(start);
        if (!bucket) {
          bucket = zeroCounts({ start: minuteToIso(start) });
          byStart.set(start, bucket);
        }
      }
      addCounter(bucket as Bucket, metric, flat[i + 2] as number, count);
    }
  }
  // Buckets with any count, oldest first.
  const buckets = [...byStart.keys()].sort((a, b) => a - b).map((key) => byStart.get(key) as Bucket);
  for (const b of buckets) addCounts(totals, b);
  // One order whatever the granularity: by status, then code.
  for (const c of [...buckets, totals])
    if (c.statuses.length > 1)
      c.statuses.sort((a, b) => (a.status < b.status ? -1 : a.status > b.status ? 1 : a.code - b.code));
  return {
    granularity: q.granularity,
    start_date: toIso(from * MINUTE_MS),
    end_date: toIso(to * MINUTE_MS),
    buckets,
    totals,
  };
}
