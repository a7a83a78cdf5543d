// Table: which upstream (Sinch) batch carries which of our batches' recipients, to map Sinch's webhooks back.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const upstreamBatches = sqliteTable(
  "upstream_batches",
  {
    upstreamBatchId: text("upstream_batch_id").primaryKey(),
    servicePlanId: text("service_plan_id").notNull(),
    batchId: text("batch_id").notNull(),
    /** Our submission key, sent as Sinch's client_reference: how a restart finds what Sinch already has. */
    submission: text("submission").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("upstream_batches_batch").on(t.batchId),
    index("upstream_batches_submission").on(t.submission),
  ],
);

export type UpstreamBatchRow = typeof upstreamBatches.$inferSelect;
