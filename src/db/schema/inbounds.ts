// Table: inbound (mobile-originated) messages.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const inbounds = sqliteTable(
  "inbounds",
  {
    id: text("id").primaryKey(),
    servicePlanId: text("service_plan_id").notNull(),
    type: text("type", { enum: ["mo_text", "mo_binary"] }).notNull(),
    from: text("from").notNull(),
    to: text("to").notNull(),
    body: text("body").notNull(),
    udh: text("udh"),
    receivedAt: integer("received_at").notNull(),
    sentAt: integer("sent_at"),
    operatorId: text("operator_id"),
    clientReference: text("client_reference"),
    /** The upstream's id of this message (Sinch's MO id): a repeated webhook stores nothing new. */
    externalId: text("external_id"),
    /** Set once keywords, opt-outs and the callback were applied: a retried delivery finishes what a failure cut short. */
    processedAt: integer("processed_at"),
    /** Set by the one request processing this message (claim by write): concurrent deliveries never both run it. */
    claimedAt: integer("claimed_at"),
  },
  (t) => [
    index("inbounds_plan_received").on(t.servicePlanId, t.receivedAt),
    index("inbounds_plan_to").on(t.servicePlanId, t.to, t.receivedAt),
    uniqueIndex("inbounds_plan_external").on(t.servicePlanId, t.externalId),
  ],
);

export type InboundRow = typeof inbounds.$inferSelect;
export type NewInboundRow = typeof inbounds.$inferInsert;
