// Queries: delivery reports aggregated in SQLite from per-recipient rows (no per-recipient loops in JS).
import { and, count, desc, eq, exists, gte, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "./client";
import { inList } from "./in-list";
import { countAndPage } from "./paging";
import { batches, recipients } from "./schema";

export interface ReportFilters {
  statuses?: string[];
  codes?: number[];
}

export interface StatusRow {
  batchId: string;
  status: string;
  code: number;
  count: number;
  /** JSON array of MSISDNs, only when asked for. */
  recipients: string | null;
}

function recipientFilterSql(f: ReportFilters): SQL | undefined {
  return and(
    f.statuses === undefined ? undefined : inList(recipients.status, f.statuses),
    f.codes === undefined ? undefined : inList(recipients.code, f.codes),
  );
}

/** Status/code counts of each batch (with the recipients when `full`), ordered for stable output. */
export async function statusCounts(
  db: Db,
  batchIds: string[],
  f: ReportFilters,
  full: boolean,
): Promise<StatusRow[]> {
  if (batchIds.length === 0) return [];
  return db
    .select({
      batchId: recipients.batchId,
      status: recipients.status,
      code: recipients.code,
      count: count(),
      recipients: full ? sql<string>`json_group_array(${recipients.recipient})` : sql<null>`NULL`,
    })
    .from(recipients)
    .where(and(inList(recipients.batchId, batchIds), recipientFilterSql(f)))
    .groupBy(recipients.batchId, recipients.status, recipients.code)
    .orderBy(recipients.batchId, recipients.code, recipients.status);
}

export async function recipientTotals(db: Db, batchIds: string[]): Promise<Map<string, number>> {
  if (batchIds.length === 0) return new Map();
  const rows = await db
    .select({ batchId: recipients.batchId, n: count() })
    .from(recipients)
    .where(inList(recipients.batchId, batchIds))
    .groupBy(recipients.batchId);
  return new Map(rows.map((r) => [r.batchId, r.n]));
}

export async function findRecipient(db: Db, planId: string, batchId: string, msisdn: string) {
  const rows = await db
    .select({ row: recipients, clientReference: batches.clientReference })
    .from(recipients)
    .innerJoin(batches, eq(batches.id, recipients.batchId))
    .where(
      and(
        eq(recipients.batchId, batchId),
        eq(recipients.servicePlanId, planId),
        eq(recipients.recipient, msisdn),
      ),
    );
  return rows[0];
}

export async function listRecipientNumbers(db: Db, batchId: string): Promise<string[]> {
  const rows = await db
    .select({ recipient: recipients.recipient })
    .from(recipients)
    .where(eq(recipients.batchId, batchId))
    .orderBy(recipients.recipient);
  return rows.map((r) => r.recipient);
}

export interface ListFilters extends ReportFilters {
  clientReference?: string;
  from?: number;
  to?: number;
}

/** Recipient-level reports of the plan, newest status first. Time filters apply to the status time. */
export async function listRecipientReports(
  db: Db,
  planId: string,
  f: ListFilters,
  page: number,
  pageSize: number,
) {
  const where = and(
    eq(recipients.servicePlanId, planId),
    recipientFilterSql(f),
    f.from === undefined ? undefined : gte(recipients.at, f.from),
    f.to === undefined ? undefined : lte(recipients.at, f.to),
    f.clientReference === undefined ? undefined : eq(batches.clientReference, f.clientReference),
  );
  return countAndPage(
    db,
    db
      .select({ n: count() })
      .from(recipients)
      .innerJoin(batches, eq(batches.id, recipients.batchId))
      .where(where),
    db
      .select({ row: recipients, clientReference: batches.clientReference })
      .from(recipients)
      .innerJoin(batches, eq(batches.id, recipients.batchId))
      .where(where)
      .orderBy(desc(recipients.at), desc(recipients.batchId), recipients.recipient)
      .limit(pageSize)
      .offset(page * pageSize),
  );
}

/**
 * Batch-level reports of the plan, newest batch first: batches with at least one recipient matching
 * the status/code filters. Time filters apply to the batch's creation time.
 */
export async function listReportBatches(
  db: Db,
  planId: string,
  f: ListFilters,
  page: number,
  pageSize: number,
) {
  const hasRecipientFilter = f.statuses !== undefined || f.codes !== undefined;
  const where = and(
    eq(batches.servicePlanId, planId),
    f.from === undefined ? undefined : gte(batches.createdAt, f.from),
    f.to === undefined ? undefined : lte(batches.createdAt, f.to),
    f.clientReference === undefined ? undefined : eq(batches.clientReference, f.clientReference),
    hasRecipientFilter
      ? exists(
          db
            .select({ one: sql`1` })
            .from(recipients)
            .where(and(eq(recipients.batchId, batches.id), recipientFilterSql(f))),
        )
      : undefined,
  );
  return countAndPage(
    db,
    db.select({ n: count() }).from(batches).where(where),
    db
      .select({ id: batches.id, clientReference: batches.clientReference })
      .from(batches)
      .where(where)
      .orderBy(desc(batches.createdAt), desc(batches.id))
      .limit(pageSize)
      .offset(page * pageSize),
  );
}

/**
 * Records delivery feedback for `msisdns` (all recipients when empty). Returns the first number that is
 * not a recipient of the batch, in which case nothing was written.
 */
export async function markFeedback(
  db: Db,
  batchId: string,
  msisdns: string[],
  now: number,
): Promise<string | undefined> {
  if (msisdns.length > 0) {
    const missing = await db.all<{ value: string }>(
      sql`SELECT value FROM json_each(${JSON.stringify(msisdns)}) WHERE value NOT IN (SELECT recipient FROM recipients WHERE batch_id = ${batchId}) LIMIT 1`,
    );
    if (missing[0]) return missing[0].value;
  }
  await db.run(
    msisdns.length === 0
      ? sql`UPDATE recipients SET feedback_at = ${now} WHERE batch_id = ${batchId}`
      : sql`UPDATE recipients SET feedback_at = ${now} WHERE batch_id = ${batchId} AND recipient IN (SELECT value FROM json_each(${JSON.stringify(msisdns)}))`,
  );
  return undefined;
}
