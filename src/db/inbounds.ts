// Queries: inbound messages.
import { and, count, desc, eq, gte, lte } from "drizzle-orm";
import type { Db } from "./client";
import { inList } from "./in-list";
import { countAndPage } from "./paging";
import { type InboundRow, inbounds, type NewInboundRow } from "./schema";

export async function insertInbound(db: Db, row: NewInboundRow): Promise<void> {
  await db.insert(inbounds).values(row);
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
