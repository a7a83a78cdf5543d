// Queries: a plan's statistics counters (kept by triggers, see migrations), summed into buckets of whole minutes.
import { sql } from "drizzle-orm";
import type { Db } from "./client";

export type StatBucket = {
  /** First minute (epoch ms / 60,000) of the bucket. */
  bucket: number;
  /**
   * The bucket's counter rows as one flat JSON array, `["metric",code,count,...]` (a metric and code may
   * repeat when the bucket is wider than a minute). One text column instead of a row per counter or a column
   * per metric: a day of minute buckets is 1,440 short rows out of D1, SQLite only concatenates, and the
   * Worker parses each row with one JSON.parse.
   */
  counters: string;
};

/** One row per bucket of `size` minutes in [fromMinute, toMinute) that counted anything, oldest first. */
export async function statBuckets(
  db: Db,
  planId: string,
  fromMinute: number,
  toMinute: number,
  size: number,
): Promise<StatBucket[]> {
  // Inlined, not bound: integer division needs an integer, and a bound JS number may arrive as REAL.
  // Minute buckets group by the indexed column itself, so SQLite walks the primary key in order with no sort.
  const width = Math.trunc(size);
  const bucket = sql.raw(width === 1 ? "minute" : `(minute / ${width}) * ${width}`);
  return db.all<StatBucket>(sql`SELECT ${bucket} AS bucket, '[' || group_concat('"' || metric || '",' || code || ',' || count) || ']' AS counters
    FROM plan_stats WHERE service_plan_id = ${planId} AND minute >= ${fromMinute} AND minute < ${toMinute}
    GROUP BY ${bucket} ORDER BY ${bucket}`);
}
