// Table: what the simulated operator network received, one row per (batch, recipient): the handsets' view.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const simulatorMessages = sqliteTable(
  "simulator_messages",
  {
    batchId: text("batch_id").notNull(),
    recipient: text("recipient").notNull(),
    servicePlanId: text("service_plan_id").notNull(),
    from: text("from").notNull(),
    body: text("body").notNull(),
    udh: text("udh"),
    encoding: text("encoding").notNull(),
    parts: integer("parts").notNull(),
    flash: integer("flash", { mode: "boolean" }).notNull(),
    /** The operator's verdict at submission: Dispatched, or Aborted for unroutable numbers. */
    status: text("status").notNull(),
    code: integer("code").notNull(),
    receivedAt: integer("received_at").notNull(),
    /** How many times this message was submitted; exactly-once dispatch keeps it at 1. */
    submissions: integer("submissions").notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.batchId, t.recipient] }),
    index("simulator_messages_plan_to").on(t.servicePlanId, t.recipient, t.receivedAt),
  ],
);

export type SimulatorMessageRow = typeof simulatorMessages.$inferSelect;
