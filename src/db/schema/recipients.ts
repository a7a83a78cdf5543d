// Table: per-recipient delivery state of each batch; every delivery report is computed from it.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const recipients = sqliteTable(
  "recipients",
  {
    batchId: text("batch_id").notNull(),
    recipient: text("recipient").notNull(),
    servicePlanId: text("service_plan_id").notNull(),
    status: text("status").notNull(),
    code: integer("code").notNull(),
    /** When this status was recorded (ms). */
    at: integer("at").notNull(),
    operatorStatusAt: integer("operator_status_at"),
    encoding: text("encoding"),
    numberOfMessageParts: integer("number_of_message_parts"),
    /** Parts handed to the upstream, whatever the report shows (it carries parts only with a max set): counted in stats. */
    partsSent: integer("parts_sent"),
    feedbackAt: integer("feedback_at"),
  },
  (t) => [
    primaryKey({ columns: [t.batchId, t.recipient] }),
    index("recipients_plan_at").on(t.servicePlanId, t.at),
    index("recipients_batch_status").on(t.batchId, t.status, t.code),
  ],
);

export type RecipientRow = typeof recipients.$inferSelect;
