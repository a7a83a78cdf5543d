// Table: numbers that opted out of a service plan (STOP), until they opt back in (START).
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const optOuts = sqliteTable(
  "opt_outs",
  {
    servicePlanId: text("service_plan_id").notNull(),
    msisdn: text("msisdn").notNull(),
    /** The keyword that opted it out, or "api". */
    source: text("source").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.servicePlanId, t.msisdn] })],
);

export type OptOutRow = typeof optOuts.$inferSelect;
