// Queries: a plan's opted-out numbers.
import { and, count, desc, eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { countAndPage } from "./paging";
import { optOuts } from "./schema";

export async function addOptOut(
  db: Db,
  planId: string,
  msisdn: string,
  source: string,
  now: number,
): Promise<boolean> {
  const rows = await db
    .insert(optOuts)
    .values({ servicePlanId: planId, msisdn, source, createdAt: now })
    .onConflictDoNothing()
    .returning({ msisdn: optOuts.msisdn });
  return rows.length > 0;
}

export async function removeOptOut(db: Db, planId: string, msisdn: string): Promise<boolean> {
  const rows = await db
    .delete(optOuts)
    .where(and(eq(optOuts.servicePlanId, planId), eq(optOuts.msisdn, msisdn)))
    .returning({ msisdn: optOuts.msisdn });
  return rows.length > 0;
}

export async function listOptOuts(db: Db, planId: string, page: number, pageSize: number) {
  const where = eq(optOuts.servicePlanId, planId);
  return countAndPage(
    db,
    db.select({ n: count() }).from(optOuts).where(where),
    db
      .select()
      .from(optOuts)
      .where(where)
      .orderBy(desc(optOuts.createdAt), optOuts.msisdn)
      .limit(pageSize)
      .offset(page * pageSize),
  );
}

/** Which of `msisdns` opted out of the plan: one query per dispatch step. */
export async function optedOut(db: Db, planId: string, msisdns: string[]): Promise<Set<string>> {
  if (msisdns.length === 0) return new Set();
  const rows = await db.all<{ msisdn: string }>(sql`SELECT msisdn FROM opt_outs
    WHERE service_plan_id = ${planId} AND msisdn IN (SELECT value FROM json_each(${JSON.stringify(msisdns)}))`);
  return new Set(rows.map((r) => r.msisdn));
}
