// Tables: the callback outbox (one row per callback owed to a customer) and the log of every attempt to deliver it.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const CALLBACK_STATES = ["pending", "delivered", "gave_up"] as const;
export const CALLBACK_KINDS = ["delivery_report", "inbound"] as const;

export const callbacks = sqliteTable(
  "callbacks",
  {
    id: text("id").primaryKey(),
    servicePlanId: text("service_plan_id").notNull(),
    kind: text("kind", { enum: CALLBACK_KINDS }).notNull(),
    batchId: text("batch_id"),
    inboundId: text("inbound_id"),
    /** Set for per-recipient delivery reports. */
    recipient: text("recipient"),
    url: text("url").notNull(),
    /** The JSON text posted, byte for byte (the signature covers it). */
    body: text("body").notNull(),
    state: text("state", { enum: CALLBACK_STATES }).notNull(),
    attempts: integer("attempts").notNull(),
    /** When a pending callback is due (a claimed one: when its lease ends); null once final. */
    nextAt: integer("next_at"),
    createdAt: integer("created_at").notNull(),
    lastAttemptAt: integer("last_attempt_at"),
    /** The last attempt's HTTP status, or its network error. */
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
  },
  (t) => [
    index("callbacks_plan_due").on(t.servicePlanId, t.state, t.nextAt),
    index("callbacks_due").on(t.state, t.nextAt),
    index("callbacks_plan_created").on(t.servicePlanId, t.createdAt),
    index("callbacks_created").on(t.createdAt),
    index("callbacks_batch").on(t.batchId),
  ],
);

export const callbackAttempts = sqliteTable(
  "callback_attempts",
  {
    callbackId: text("callback_id").notNull(),
    attempt: integer("attempt").notNull(),
    at: integer("at").notNull(),
    url: text("url").notNull(),
    status: integer("status"),
    error: text("error"),
    latencyMs: integer("latency_ms").notNull(),
    /** The first 512 bytes of the response body, as text. */
    response: text("response"),
    /** When the next attempt is due after this one; null when none follows. */
    nextAt: integer("next_at"),
  },
  (t) => [primaryKey({ columns: [t.callbackId, t.attempt] })],
);

export type CallbackRow = typeof callbacks.$inferSelect;
export type CallbackAttemptRow = typeof callbackAttempts.$inferSelect;
