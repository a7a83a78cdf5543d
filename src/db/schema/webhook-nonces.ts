// Table: nonces of signed Sinch webhooks seen within the signature window, so a captured request cannot be replayed.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const webhookNonces = sqliteTable(
  "webhook_nonces",
  {
    servicePlanId: text("service_plan_id").notNull(),
    nonce: text("nonce").notNull(),
    /** Epoch ms when first seen; rows older than the signature window are pruned on the next claim. */
    seenAt: integer("seen_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.servicePlanId, t.nonce] }),
    index("webhook_nonces_plan_seen").on(t.servicePlanId, t.seenAt),
  ],
);
