// A plan's statistics: counters by minute bucket (kept by triggers as state changes), summed to the asked granularity.
import { STAT_METRICS, type StatMetric, statCounterLists } from "../../db/plan-stats";
import type { PlanContext } from "../context";
import { CODES } from "../delivery/codes";
import { ApiError } from "../errors";
import { DELIVERY_STATUSES, type DeliveryStatus } from "../schemas/delivery-reports";
import type { Granularity, StatCounts, Stats, StatsQuery } from "../schemas/stats";
import { DAY_MINUTES, MINUTE_MS, minuteToIso, toIso } from "../time";

const BUCKET_MINUTES: Record<Granularity, number> = { minute: 1, hour: 60, day: DAY_MINUTES };
/** A range answers at most this many buckets and spans at most MAX_DAYS: a read stays a small index range. */
export const MAX_BUCKETS = 1440;
export const MAX_DAYS = 31;
const DEFAULT_SPAN_MINUTES: Record<Granularity, number> = {
  minute: 60,
  hour: DAY_MINUTES,
  day: DAY_MINUTES * 7,
};

/** The count fields in wire order: a bucket's `start` comes first, `statuses` last. */
const COUNT_FIELDS = [
  "accepted",
  "dispatched",
  "parts_sent",
  "delivered",
  "failed",
  "rejected",
  "opted_out",
  "aborted",
  "expired",
  "cancelled",
  "inbound_received",
  "callbacks_ok",
  "callbacks_failed",
] as const satisfies readonly Exclude<keyof StatCounts, "statuses">[];
type CountField = (typeof COUNT_FIELDS)[number];
/** Each count field's index in a tally's `counts`. */
const AT = Object.fromEntries(COUNT_FIELDS.map((field, i) => [field, i])) as Record<CountField, number>;

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
  /** Index in a tally's `counts` (see AT), or -1 for none. */
  at: number;
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

const indexOf = (field: CountField | undefined): number => (field === undefined ? -1 : AT[field]);

/** What each stored metric counts into, by metric id; "dispatched" is a counter, not a final status. */
const METRICS: Metric[] = STAT_METRICS.map((name) => {
  const plain = PLAIN_FIELDS[name];
  if (plain) return { at: AT[plain], status: undefined };
  const status = DELIVERY_STATUSES.find((s) => s.toLowerCase() === name);
  return { at: indexOf(status && STATUS_FIELDS[status]), status };
});

/** Counts while they are summed, by index (AT): no property looked up by name per counter. */
interface Tally {
  counts: number[];
  statuses: StatCounts["statuses"];
}

const newTally = (): Tally => ({ counts: COUNT_FIELDS.map(() => 0), statuses: [] });

/** Adds one counter (a stored metric, its code and count) into `into`. */
function addCounter(into: Tally, metric: Metric, code: number, count: number): void {
  const { counts } = into;
  if (metric.at >= 0) counts[metric.at] = (counts[metric.at] as number) + count;
  const { status } = metric;
  if (!status) return;
  if (status === CODES.optedOut.status && code === CODES.optedOut.code)
    counts[AT.opted_out] = (counts[AT.opted_out] as number) + count;
  addStatus(into.statuses, status, code, count);
}

/** Adds every count of `from` into `into`. */
function addTally(into: Tally, from: Tally): void {
  for (let i = 0; i < COUNT_FIELDS.length; i++)
    into.counts[i] = (into.counts[i] as number) + (from.counts[i] as number);
  for (const s of from.statuses) addStatus(into.statuses, s.status, s.code, s.count);
}

/** Adds a count to `statuses`, kept in one order whatever the granularity: by status, then code. */
function addStatus(
  statuses: StatCounts["statuses"],
  status: DeliveryStatus,
  code: number,
  count: number,
): void {
  let i = 0;
  for (; i < statuses.length; i++) {
    const s = statuses[i] as StatCounts["statuses"][number];
    if (s.status === status && s.code === code) {
      s.count += count;
      return;
    }
    if (s.status > status || (s.status === status && s.code > code)) break;
  }
  statuses.splice(i, 0, { status, code, count });
}

/** A bucket on the wire; one literal, so every bucket of an answer shares one object shape. */
function bucketOf(start: string, { counts: c, statuses }: Tally): Bucket {
  return {
    start,
    accepted: c[AT.accepted] as number,
    dispatched: c[AT.dispatched] as number,
    parts_sent: c[AT.parts_sent] as number,
    delivered: c[AT.delivered] as number,
    failed: c[AT.failed] as number,
    rejected: c[AT.rejected] as number,
    opted_out: c[AT.opted_out] as number,
    aborted: c[AT.aborted] as number,
    expired: c[AT.expired] as number,
    cancelled: c[AT.cancelled] as number,
    inbound_received: c[AT.inbound_received] as number,
    callbacks_ok: c[AT.callbacks_ok] as number,
    callbacks_failed: c[AT.callbacks_failed] as number,
    statuses,
  };
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
  if (to - from > MAX_DAYS * DAY_MINUTES)
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
  const byStart = new Map<number, Tally>();
  let start = Number.NaN;
  let tally = newTally();
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
        tally = byStart.get(start) ?? newTally();
        byStart.set(start, tally);
      }
      addCounter(tally, metric, flat[i + 2] as number, count);
    }
  }
  // Buckets with any count, oldest first; the totals are their sum.
  const total = newTally();
  const buckets = [...byStart.keys()]
    .sort((a, b) => a - b)
    .map((key) => {
      const t = byStart.get(key) as Tally;
      addTally(total, t);
      return bucketOf(minuteToIso(key), t);
    });
  const { start: _, ...totals } = bucketOf("", total);
  return {
    granularity: q.granularity,
    start_date: toIso(from * MINUTE_MS),
    end_date: toIso(to * MINUTE_MS),
    buckets,
    totals,
  };
}
