// Table: service plans (tenants) and their settings.
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { planExtraColumns } from "./plan-extras";

export const servicePlans = sqliteTable("service_plans", {
  id: text("id").primaryKey(),
  name: text("name"),
  /** Messages per second, one per recipient; 0 means unlimited. */
  rateLimit: integer("rate_limit").notNull(),
  defaultOriginator: text("default_originator"),
  callbackUrl: text("callback_url"),
  webhookSecret: text("webhook_secret").notNull(),
  autoEncoding: integer("auto_encoding", { mode: "boolean" }).notNull().default(false),
  /** STOP-style keywords opt a number out of this plan (on by default). */
  optOutEnabled: integer("opt_out_enabled", { mode: "boolean" }).notNull().default(true),
  /** JSON arrays of keywords; null means the defaults. */
  optOutKeywords: text("opt_out_keywords"),
  optInKeywords: text("opt_in_keywords"),
  /** "simulator" (default) or "sinch". */
  upstream: text("upstream").notNull().default("simulator"),
  /** Sinch connection: base URL (region host), service plan id, and secrets encrypted with UPSTREAM_ENCRYPTION_KEY. */
  sinchBaseUrl: text("sinch_base_url"),
  sinchServicePlanId: text("sinch_service_plan_id"),
  sinchApiTokenEncrypted: text("sinch_api_token_encrypted"),
  sinchWebhookSecretEncrypted: text("sinch_webhook_secret_encrypted"),
  /** How far the plan's clock runs ahead of the wall clock (simulator plans; POST /simulator/v1/{plan}/clock). */
  clockOffsetMs: integer("clock_offset_ms").notNull().default(0),
  createdAt: integer("created_at").notNull(),
  modifiedAt: integer("modified_at").notNull(),
  ...planExtraColumns,
});

export type ServicePlanRow = typeof servicePlans.$inferSelect;
