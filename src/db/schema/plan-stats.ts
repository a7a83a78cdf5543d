// Table: per-plan counters by minute bucket, kept by SQL triggers in the same writes that change state (migrations).
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
