// Queries: automatic replies, each written with its batch and recipient in one atomic D1 batch.
import { and, eq } from "drizzle-orm";
import { atomic } from "./batch";
import type { Db } from "./client";
import { insertRecipientsStatement } from "./recipients";
import { type AutoReplyRow, autoReplies, batches, type NewBatchRow } from "./schema";

export type AutoReplyKind = AutoReplyRow["kind"];

/** Whether this inbound already got its reply of this kind (a retried delivery of the same message). */
export async function hasAutoReply(db: Db, inboundId: string, kind: AutoReplyKind): Promise<boolean> {
  const rows = await db
    .select({ batchId: autoReplies.batchId })
    .from(autoReplies)
    .where(and(eq(autoReplies.inboundId, inboundId), eq(autoReplies.kind, kind)));
  return rows.length > 0;
}

/**
 * The reply's batch, its one Queued recipient and the record that it is a reply, together: an opt-out
 * confirmation is never queued without the mark that lets it past the opt-out it confirms. The unique
 * (inbound, kind) index makes a second reply to one inbound fail the whole batch.
 */
export async function insertAutoReply(
  db: Db,
  row: NewBatchRow,
  reply: { inboundId: string; kind: AutoReplyKind },
): Promise<void> {
  const recipients = JSON.parse(row.to) as string[];
  await atomic(db, [
    db.insert(batches).values(row),
    insertRecipientsStatement(
      db,
      row.id,
      row.servicePlanId,
      { numbers: recipients, groupIds: [] },
      row.createdAt,
    ),
    db.insert(autoReplies).values({
      batchId: row.id,
      servicePlanId: row.servicePlanId,
      inboundId: reply.inboundId,
      kind: reply.kind,
      createdAt: row.createdAt,
    }),
  ]);
}
