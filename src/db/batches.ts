// Queries: batches (insert with their recipients in one atomic D1 batch, read, list, change).
import { and, count, desc, eq, gte, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { atomic } from "./batch";
import type { Db } from "./client";
import { inList } from "./in-list";
import { countAndPage } from "./paging";
import { expandedTargetsSql, insertRecipientsStatement, type Targets, unchangedSince } from "./recipients";
import { type BatchRow, batches, type NewBatchRow } from "./schema";

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
    f.senders === undefined ? undefined : inList(batches.from, f.senders),
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
/**
 * Replaces a batch's fields and recipients (update and replace) only if it is still as `readAt` saw it
 * (compare-and-set on modified_at) and neither canceled nor started: a cancel or a dispatch that won
 * the race is never undone. Returns false when nothing was written.
 */
export async function rewriteBatch(
  db: Db,
  row: BatchRow,
  readAt: number,
  change: { removeAll: boolean; remove: Targets; add: Targets },
): Promise<boolean> {
  const { id, servicePlanId, canceled: _c, dispatchStartedAt: _d, completedAt: _done, ...fields } = row;
  const guard = unchangedSince(id, row.modifiedAt);
  const [updated] = await atomic(db, [
    db
      .update(batches)
      .set(fields)
      .where(
        and(
          eq(batches.id, id),
          eq(batches.servicePlanId, servicePlanId),
          eq(batches.modifiedAt, readAt),
          eq(batches.canceled, false),
          isNull(batches.dispatchStartedAt),
        ),
      )
      .returning({ id: batches.id }),
    ...(change.removeAll
      ? [db.run(sql`DELETE FROM recipients WHERE batch_id = ${id} AND ${guard}`)]
      : deleteRecipientsStatements(db, id, servicePlanId, change.remove, guard)),
    insertRecipientsStatement(db, id, servicePlanId, change.add, row.modifiedAt, guard),
  ]);
  return updated.length > 0;
}

function deleteRecipientsStatements(db: Db, batchId: string, planId: string, targets: Targets, guard: SQL) {
  if (targets.numbers.length === 0 && targets.groupIds.length === 0) return [];
  return [
    db.run(
      sql`DELETE FROM recipients WHERE batch_id = ${batchId} AND recipient IN (${expandedTargetsSql(planId, targets)}) AND ${guard}`,
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

/**
 * What the watchdog must make sure a queue holds: unfinished batches due by `until` that never started
 * dispatch (a lost enqueue), or whose expire_at has passed (a lost alarm). Started batches waiting for
 * receipts are the queue's own business until then, so they do not crowd this list.
 */
export async function openBatches(db: Db, now: number, until: number, limit: number) {
  return db
    .select({
      id: batches.id,
      servicePlanId: batches.servicePlanId,
      sendAt: batches.sendAt,
      expireAt: batches.expireAt,
    })
    .from(batches)
    .where(
      and(
        isNull(batches.completedAt),
        lte(batches.sendAt, until),
        or(isNull(batches.dispatchStartedAt), lte(batches.expireAt, now)),
      ),
    )
    .orderBy(batches.sendAt)
    .limit(limit);
}

export async function findBatches(db: Db, planId: string, batchIds: string[]): Promise<BatchRow[]> {
  if (batchIds.length === 0) return [];
  return db
    .select()
    .from(batches)
    .where(and(eq(batches.servicePlanId, planId), inList(batches.id, batchIds)));
}
