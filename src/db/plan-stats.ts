// Queries: a plan's statistics counters (kept by triggers, see migrations) read for a range, and past minutes folded by hour.
import { sql } from "drizzle-orm";
import { atomic } from "./batch";
import type { Db } from "./client";

const HOUR_MINUTES = 60;

/**
 * Every metric the triggers write, by id: counts with no code, then each final status in lower case. Lists
 * hold the id, not the name, so they are plain numbers (a unit test checks every delivery status is here).
 */
export const STAT_METRICS = [
  "accepted",
  "dispatched",
  "parts",
  "inbound",
  "callback_ok",
  "callback_failed",
  "aborted",
  "cancelled",
  "rejected",
  "deleted",
  "delivered",
  "failed",
  "expired",
  "unknown",
] as const;
export type StatMetric = (typeof STAT_METRICS)[number];

// Constants only (never input), so inlined into the SQL.
const KNOWN = sql.raw(`metric IN (${STAT_METRICS.map((m) => `'${m}'`).join(", ")})`);
const METRIC_ID = sql.raw(
  `CASE metric ${STAT_METRICS.map((m, id) => `WHEN '${m}' THEN ${id}`).join(" ")} END`,
);
const HOUR = sql.raw(`(minute / ${HOUR_MINUTES}) * ${HOUR_MINUTES}`);
/** One counter row as four comma-joined numbers: minute within its hour (0-59), metric id, code, count. */
const COUNTER = sql`(minute % ${sql.raw(String(HOUR_MINUTES))}) || ',' || ${METRIC_ID} || ',' || code || ',' || count`;

export interface StatCounterList {
  /** First minute of the hour (epoch ms / 60,000). */
  hour: number;
  /** Comma-joined counters, four numbers each (see COUNTER); a minute and metric may repeat. */
  counters: string;
}

/**
 * The plan's counters of the hours that overlap [fromMinute, toMinute): one list per folded hour
 * (plan_stat_hours) and one per hour of rows not folded yet. A list may hold minutes just outside the range,
 * and a minute, metric and code may repeat (a row counted after its hour was folded): the caller filters and sums.
 */
export async function statCounterLists(
  db: Db,
  planId: string,
  fromMinute: number,
  toMinute: number,
): Promise<StatCounterList[]> {
  const firstHour = Math.floor(fromMinute / HOUR_MINUTES) * HOUR_MINUTES;
  return db.all<StatCounterList>(sql`SELECT hour, counters FROM plan_stat_hours
      WHERE service_plan_id = ${planId} AND hour >= ${firstHour} AND hour < ${toMinute}
    UNION ALL
    SELECT ${HOUR}, group_concat(${COUNTER}) FROM plan_stats
      WHERE service_plan_id = ${planId} AND minute >= ${fromMinute} AND minute < ${toMinute} AND ${KNOWN}
      GROUP BY ${HOUR}`);
}

/** One fold takes at most this span of minutes from the oldest unfolded one: a long backlog folds over several runs. */
export const FOLD_SPAN_MINUTES = 7 * 1440;

/**
 * Moves every counter row of a minute before `beforeMinute` (and within FOLD_SPAN_MINUTES of the oldest row)
 * into its plan's hour row, appended when the hour already has one, in one atomic batch: a reader sees each
 * row in exactly one of the two tables. Returns how many counter rows were folded.
 */
export async function foldStatMinutes(db: Db, beforeMinute: number): Promise<number> {
  const folded = sql`minute < min(${beforeMinute}, (SELECT min(minute) FROM plan_stats WHERE ${KNOWN}) + ${FOLD_SPAN_MINUTES}) AND ${KNOWN}`;
  const [, removed] = await atomic(db, [
    db.run(sql`INSERT INTO plan_stat_hours (service_plan_id, hour, counters)
      SELECT service_plan_id, ${HOUR}, group_concat(${COUNTER}) FROM plan_stats WHERE ${folded}
      GROUP BY service_plan_id, ${HOUR}
      ON CONFLICT (service_plan_id, hour) DO UPDATE SET counters = counters || ',' || excluded.counters`),
    db.run(sql`DELETE FROM plan_stats WHERE ${folded}`),
  ]);
  return removed.meta.changes ?? 0;
}
