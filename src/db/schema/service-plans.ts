// Table: service plans (tenants) and their settings.
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const servicePlans = sqliteTable("service_plans", {
  id: text("id").primaryKey(),
  name: text("name"),
  /** Messages per second, one per recipient; 0 means unlimited. */
  rateLimit: integer("rate_limit").notNull(),
  defaultOriginator: text("default_originator"),
  callbackUrl: text("callback_url"),
  webhookSecret: text("webhook_secret").notNull(),
  autoEncoding: integer("auto_encoding", { mode: "boolean" }).notNull().default(false),
  createdAt: integer("created_at").notNull(),
  modifiedAt: integer("modified_at").notNull(),
});

export type ServicePlanRow = typeof servicePlans.$inferSelect;
