// Tables: per-plan counters by minute, kept by SQL triggers in the same writes that change state (migrations), and their hourly fold.
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const planStats = sqliteTable(
  "plan_stats",
  {
    servicePlanId: text("service_plan_id").notNull(),
    /** floor(epoch ms / 60,000) of the counted row's own time column, never the wall clock. */
    minute: integer("minute").notNull(),
    /** accepted, dispatched, parts, inbound, or a final status in lower case (delivered, failed, ...). */
    metric: text("metric").notNull(),
    /** The delivery code of a final status; 0 for the other metrics. */
    code: integer("code").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.servicePlanId, t.minute, t.metric, t.code] })],
);

export type PlanStatsRow = typeof planStats.$inferSelect;

/**
 * Past minutes of plan_stats, folded by the cron into one row per plan and hour: a day of minute buckets is
 * then read as 24 rows, not 11,520 counter rows. Reads combine both tables, so a late counter row is never lost.
 */
export const planStatHours = sqliteTable(
  "plan_stat_hours",
  {
    servicePlanId: text("service_plan_id").notNull(),
    /** First minute of the hour (epoch ms / 60,000, a multiple of 60). */
    hour: integer("hour").notNull(),
    /** The hour's counter rows, four comma-joined numbers each: minute within the hour, metric id (STAT_METRICS), code, count. */
    counters: text("counters").notNull(),
  },
  (t) => [primaryKey({ columns: [t.servicePlanId, t.hour] })],
);
