// Queries: batches (insert with their recipients in one atomic D1 batch, read, list, change).
import { and, count, desc, eq, gte, inArray, isNull, lte, type SQL, sql } from "drizzle-orm";
import { atomic } from "./batch";
import type { Db } from "./client";
import { countAndPage } from "./paging";
import { expandedTargetsSql, insertRecipientsStatement } from "./recipients";
import { type BatchRow, batches, type NewBatchRow, recipients } from "./schema";

export interface Targets {
  /** Normalised MSISDNs. */
  numbers: string[];
  /** Group ids, expanded (with their child groups) to members inside the insert. */
  groupIds: string[];
}

/** The batch and one Queued row per recipient, written atomically. */
export async function insertBatch(db: Db, row: NewBatchRow, targets: Targets): Promise<void> {
  await atomic(db, [
    db.insert(batches).values(row),
    insertRecipientsStatement(db, row.id, row.servicePlanId, targets, row.createdAt),
  ]);
}

export async function findBatch(db: Db, planId: string, batchId: string): Promise<BatchRow | undefined> {
  const rows = await db
    .select()
    .from(batches)
    .where(and(eq(batches.id, batchId), eq(batches.servicePlanId, planId)));
  return rows[0];
}

export interface BatchFilters {
  createdFrom?: number;
  createdTo?: number;
  senders?: string[];
  clientReference?: string;
}

export function batchFilterSql(planId: string, f: BatchFilters): SQL | undefined {
  return and(
    eq(batches.servicePlanId, planId),
    f.createdFrom === undefined ? undefined : gte(batches.createdAt, f.createdFrom),
    f.createdTo === undefined ? undefined : lte(batches.createdAt, f.createdTo),
    f.senders === undefined ? undefined : inArray(batches.from, f.senders),
    f.clientReference === undefined ? undefined : eq(batches.clientReference, f.clientReference),
  );
}

/** Newest first; count and page in one round trip. */
export async function listBatches(
  db: Db,
  planId: string,
  filters: BatchFilters,
  page: number,
  pageSize: number,
): Promise<{ total: number; rows: BatchRow[] }> {
  const where = batchFilterSql(planId, filters);
  return countAndPage(
    db,
    db.select({ n: count() }).from(batches).where(where),
    db
      .select()
      .from(batches)
      .where(where)
      .orderBy(desc(batches.createdAt), desc(batches.id))
      .limit(pageSize)
      .offset(page * pageSize),
  );
}

/** Replaces a batch's fields and recipients in one atomic D1 batch (update and replace). */
export async function rewriteBatch(
  db: Db,
  row: BatchRow,
  change: { removeAll: boolean; remove: Targets; add: Targets },
): Promise<void> {
  const { id, servicePlanId, ...fields } = row;
  const statements = [
    db
      .update(batches)
      .set(fields)
      .where(and(eq(batches.id, id), eq(batches.servicePlanId, servicePlanId))),
    ...(change.removeAll
      ? [db.delete(recipients).where(eq(recipients.batchId, id))]
      : deleteRecipientsStatements(db, id, servicePlanId, change.remove)),
    insertRecipientsStatement(db, id, servicePlanId, change.add, row.modifiedAt),
  ] as const;
  await atomic(db, statements);
}

function deleteRecipientsStatements(db: Db, batchId: string, planId: string, targets: Targets) {
  if (targets.numbers.length === 0 && targets.groupIds.length === 0) return [];
  return [
    db.run(
      sql`DELETE FROM recipients WHERE batch_id = ${batchId} AND recipient IN (${expandedTargetsSql(planId, targets)})`,
    ),
  ];
}

/** Sets a batch's canceled flag; the send queue ends its undispatched recipients. */
export async function markCanceled(
  db: Db,
  planId: string,
  batchId: string,
  now: number,
): Promise<BatchRow | undefined> {
  const rows = await db
    .update(batches)
    .set({ canceled: true, modifiedAt: now })
    .where(and(eq(batches.id, batchId), eq(batches.servicePlanId, planId)))
    .returning();
  return rows[0];
}

/** Batches not yet final everywhere and due by `until`: what the watchdog makes sure a queue holds. */
export async function openBatches(db: Db, until: number, limit: number) {
  return db
    .select({
      id: batches.id,
      servicePlanId: batches.servicePlanId,
      sendAt: batches.sendAt,
      expireAt: batches.expireAt,
    })
    .from(batches)
    .where(and(isNull(batches.completedAt), lte(batches.sendAt, until)))
    .orderBy(batches.sendAt)
    .limit(limit);
}

export async function findBatches(db: Db, planId: string, batchIds: string[]): Promise<BatchRow[]> {
  if (batchIds.length === 0) return [];
  return db
    .select()
    .from(batches)
    .where(and(eq(batches.servicePlanId, planId), inArray(batches.id, batchIds)));
}
