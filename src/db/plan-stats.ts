// Queries: a plan's statistics counters (kept by triggers, see migrations), summed into buckets of whole minutes.
import { sql } from "drizzle-orm";
import type { Db } from "./client";

/** Metrics with no code: summed in SQL into a column each. */
export const PLAIN_METRICS = [
  "accepted",
  "dispatched",
  "parts",
  "inbound",
  "callback_ok",
  "callback_failed",
] as const;
export type PlainMetric = (typeof PLAIN_METRICS)[number];

export type StatBucket = Record<PlainMetric, number> & {
  /** First minute (epoch ms / 60,000) of the bucket. */
  bucket: number;
  /** JSON array of [metric, code, count]: the final statuses counted in the bucket (a metric and code may repeat). */
  finals: string;
};

/**
 * One row per bucket of `size` minutes in [fromMinute, toMinute), oldest first: a day of minute buckets is
 * 1,440 rows out of D1, not one per counter.
 */
export async function statBuckets(
  db: Db,
  planId: string,
  fromMinute: number,
  toMinute: number,
  size: number,
): Promise<StatBucket[]> {
  // Inlined, not bound: integer division needs an integer, and a bound JS number may arrive as REAL.
  const width = sql.raw(String(Math.trunc(size)));
  const plain = sql.raw(
    PLAIN_METRICS.map((m) => `total(count) FILTER (WHERE metric = '${m}') AS ${m}`).join(", "),
  );
  const plainList = sql.raw(PLAIN_METRICS.map((m) => `'${m}'`).join(", "));
  return db.all<StatBucket>(sql`SELECT (minute / ${width}) * ${width} AS bucket, ${plain},
      coalesce(json_group_array(json_array(metric, code, count)) FILTER (WHERE metric NOT IN (${plainList})), '[]') AS finals
    FROM plan_stats WHERE service_plan_id = ${planId} AND minute >= ${fromMinute} AND minute < ${toMinute}
    GROUP BY bucket ORDER BY bucket`);
}
