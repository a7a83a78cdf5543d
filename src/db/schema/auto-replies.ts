// Table: batches sent automatically in answer to an inbound keyword (STOP, START, HELP), one per inbound and kind.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const autoReplies = sqliteTable(
  "auto_replies",
  {
    batchId: text("batch_id").primaryKey(),
    servicePlanId: text("service_plan_id").notNull(),
    inboundId: text("inbound_id").notNull(),
    /** "opt_out" replies are sent to a number that has just opted out: dispatch lets them through. */
    kind: text("kind", { enum: ["opt_out", "opt_in", "help"] }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("auto_replies_inbound_kind").on(t.inboundId, t.kind),
    index("auto_replies_plan").on(t.servicePlanId),
  ],
);

export type AutoReplyRow = typeof autoReplies.$inferSelect;
