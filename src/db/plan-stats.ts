// Queries: a plan's statistics counters (kept by triggers, see migrations), summed into buckets of whole minutes.
import { sql } from "drizzle-orm";
import type { Db } from "./client";

export interface StatRow {
  /** First minute (epoch ms / 60,000) of the bucket. */
  bucket: number;
  metric: string;
  code: number;
  count: number;
}

/** Sums counters of minutes [fromMinute, toMinute) into buckets of `size` minutes; all-zero sums are left out. */
export async function statBuckets(
  db: Db,
  planId: string,
  fromMinute: number,
  toMinute: number,
  size: number,
): Promise<StatRow[]> {
  // Inlined, not bound: integer division needs an integer, and a bound JS number may arrive as REAL.
  const width = sql.raw(String(Math.trunc(size)));
  return db.all<StatRow>(sql`SELECT (minute / ${width}) * ${width} AS bucket, metric, code, sum(count) AS count
    FROM plan_stats WHERE service_plan_id = ${planId} AND minute >= ${fromMinute} AND minute < ${toMinute}
    GROUP BY bucket, metric, code HAVING sum(count) != 0 ORDER BY bucket, metric, code`);
}
