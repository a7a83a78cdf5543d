// Queries: inbound messages.
import { and, count, desc, eq, gte, isNull, lt, lte, or } from "drizzle-orm";
import { atomic } from "./batch";
import { inboundCallbackStatement } from "./callback-outbox";
import type { Db } from "./client";
import { inList } from "./in-list";
import { countAndPage } from "./paging";
import { type InboundRow, inbounds, type NewInboundRow } from "./schema";

export async function insertInbound(db: Db, row: NewInboundRow): Promise<void> {
  await db.insert(inbounds).values(row);
}

/**
 * Stores a new inbound, claimed by this request; false when its upstream id was stored before. Its MO
 * callback, if any, goes into the outbox in the same batch: only with the inbound, never twice.
 */
export async function insertClaimedInbound(
  db: Db,
  row: NewInboundRow,
  now: number,
  callback?: { url: string; body: string },
): Promise<boolean> {
  const insert = db
    .insert(inbounds)
    .values({ ...row, claimedAt: now })
    .onConflictDoNothing()
    .returning({ id: inbounds.id });
  if (!callback) return (await insert).length > 0;
  const [inserted] = await atomic(db, [
    insert,
    inboundCallbackStatement(db, row.servicePlanId, row.id, callback.url, callback.body, now),
  ]);
  return inserted.length > 0;
}

/**
 * Claims a stored inbound that was never fully processed, in one statement: only when nobody holds it, or
 * the holder's claim is older than `staleBefore` (it crashed). Undefined when done or held by another request.
 */
export async function claimUnprocessedInbound(
  db: Db,
  planId: string,
  externalId: string,
  now: number,
  staleBefore: number,
): Promise<InboundRow | undefined> {
  const rows = await db
    .update(inbounds)
    .set({ claimedAt: now })
    .where(
      and(
        eq(inbounds.servicePlanId, planId),
        eq(inbounds.externalId, externalId),
        isNull(inbounds.processedAt),
        or(isNull(inbounds.claimedAt), lt(inbounds.claimedAt, staleBefore)),
      ),
    )
    .returning();
  return rows[0];
}

export async function findInboundByExternalId(
  db: Db,
  planId: string,
  externalId: string,
): Promise<InboundRow | undefined> {
  const rows = await db
    .select()
    .from(inbounds)
    .where(and(eq(inbounds.servicePlanId, planId), eq(inbounds.externalId, externalId)));
  return rows[0];
}

export async function markInboundProcessed(db: Db, id: string, now: number): Promise<void> {
  await db.update(inbounds).set({ processedAt: now, claimedAt: null }).where(eq(inbounds.id, id));
}

/** Gives up a claim after a failure, so Sinch's retry can finish the work at once. */
export async function releaseInboundClaim(db: Db, id: string): Promise<void> {
  await db
    .update(inbounds)
    .set({ claimedAt: null })
    .where(and(eq(inbounds.id, id), isNull(inbounds.processedAt)));
}

export async function findInbound(db: Db, planId: string, id: string): Promise<InboundRow | undefined> {
  const rows = await db
    .select()
    .from(inbounds)
    .where(and(eq(inbounds.id, id), eq(inbounds.servicePlanId, planId)));
  return rows[0];
}

export interface InboundFilters {
  to?: string[];
  from?: number;
  until?: number;
  clientReference?: string;
}

export async function listInbounds(
  db: Db,
  planId: string,
  f: InboundFilters,
  page: number,
  pageSize: number,
) {
  const where = and(
    eq(inbounds.servicePlanId, planId),
    f.to === undefined || f.to.length === 0 ? undefined : inList(inbounds.to, f.to),
    f.from === undefined ? undefined : gte(inbounds.receivedAt, f.from),
    f.until === undefined ? undefined : lte(inbounds.receivedAt, f.until),
    f.clientReference === undefined ? undefined : eq(inbounds.clientReference, f.clientReference),
  );
  return countAndPage(
    db,
    db.select({ n: count() }).from(inbounds).where(where),
    db
      .select()
      .from(inbounds)
      .where(where)
      .orderBy(desc(inbounds.receivedAt), desc(inbounds.id))
      .limit(pageSize)
      .offset(page * pageSize),
  );
}
