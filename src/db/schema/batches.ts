// Table: batches as accepted, with every effective field of the Sinch Batch object.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const batches = sqliteTable(
  "batches",
  {
    id: text("id").primaryKey(),
    servicePlanId: text("service_plan_id").notNull(),
    type: text("type", { enum: ["mt_text", "mt_binary"] }).notNull(),
    /** JSON array: normalised MSISDNs and group ids, as the batch's `to`. */
    to: text("to").notNull(),
    from: text("from").notNull(),
    body: text("body").notNull(),
    udh: text("udh"),
    /** JSON object or null. */
    parameters: text("parameters"),
    deliveryReport: text("delivery_report").notNull(),
    sendAt: integer("send_at").notNull(),
    expireAt: integer("expire_at").notNull(),
    callbackUrl: text("callback_url"),
    clientReference: text("client_reference"),
    feedbackEnabled: integer("feedback_enabled", { mode: "boolean" }).notNull(),
    flashMessage: integer("flash_message", { mode: "boolean" }).notNull(),
    maxNumberOfMessageParts: integer("max_number_of_message_parts"),
    truncateConcat: integer("truncate_concat", { mode: "boolean" }),
    fromTon: integer("from_ton"),
    fromNpi: integer("from_npi"),
    canceled: integer("canceled", { mode: "boolean" }).notNull().default(false),
    /** Set by the send queue when dispatch begins; after that the batch can no longer change. */
    dispatchStartedAt: integer("dispatch_started_at"),
    /** When every recipient reached a final status; set once, by the transition that also queues the batch report callback. */
    completedAt: integer("completed_at"),
    createdAt: integer("created_at").notNull(),
    modifiedAt: integer("modified_at").notNull(),
  },
  (t) => [
    index("batches_plan_created").on(t.servicePlanId, t.createdAt),
    index("batches_plan_reference").on(t.servicePlanId, t.clientReference),
    index("batches_open_send_at").on(t.completedAt, t.sendAt),
  ],
);

export type BatchRow = typeof batches.$inferSelect;
export type NewBatchRow = typeof batches.$inferInsert;
