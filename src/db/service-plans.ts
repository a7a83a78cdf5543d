// Queries: service plans and their API tokens.
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { atomic } from "./batch";
import type { Db } from "./client";
import { countAndPage } from "./paging";
import { apiTokens, type ServicePlanRow, servicePlans } from "./schema";

export async function findPlanWithTokenHashes(
  db: Db,
  planId: string,
): Promise<{ plan: ServicePlanRow; tokenHashes: string[] } | undefined> {
  const [plans, tokens] = await atomic(db, [
    db.select().from(servicePlans).where(eq(servicePlans.id, planId)),
    db
      .select({ tokenHash: apiTokens.tokenHash })
      .from(apiTokens)
      .where(and(eq(apiTokens.servicePlanId, planId), isNull(apiTokens.revokedAt))),
  ]);
  const plan = plans[0];
  return plan ? { plan, tokenHashes: tokens.map((t) => t.tokenHash) } : undefined;
}

/** Newest first; count and page in one round trip. */
export async function listPlans(db: Db, page: number, pageSize: number) {
  return countAndPage(
    db,
    db.select({ n: count() }).from(servicePlans),
    db
      .select()
      .from(servicePlans)
      .orderBy(desc(servicePlans.createdAt), desc(servicePlans.id))
      .limit(pageSize)
      .offset(page * pageSize),
  );
}

export async function findPlan(db: Db, planId: string): Promise<ServicePlanRow | undefined> {
  const rows = await db.select().from(servicePlans).where(eq(servicePlans.id, planId));
  return rows[0];
}

export async function insertPlanWithToken(
  db: Db,
  plan: ServicePlanRow,
  token: { id: string; tokenHash: string },
): Promise<void> {
  await atomic(db, [
    db.insert(servicePlans).values(plan),
    db.insert(apiTokens).values({ ...token, servicePlanId: plan.id, createdAt: plan.createdAt }),
  ]);
}

export async function updatePlan(
  db: Db,
  planId: string,
  changes: Partial<Omit<ServicePlanRow, "id" | "createdAt">>,
): Promise<ServicePlanRow | undefined> {
  const rows = await db.update(servicePlans).set(changes).where(eq(servicePlans.id, planId)).returning();
  return rows[0];
}

export async function insertToken(
  db: Db,
  token: { id: string; servicePlanId: string; tokenHash: string; createdAt: number },
): Promise<void> {
  await db.insert(apiTokens).values(token);
}

export async function revokeToken(db: Db, planId: string, tokenId: string, now: number): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.servicePlanId, planId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export async function listTokens(db: Db, planId: string) {
  return db
    .select({ id: apiTokens.id, createdAt: apiTokens.createdAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.servicePlanId, planId))
    .orderBy(apiTokens.createdAt);
}

/**
 * Revokes a live token and issues its replacement in one atomic batch: the new token exists only if the
 * old one was live and is now revoked, so two rotations of one token cannot both succeed.
 */
export async function rotateToken(
  db: Db,
  planId: string,
  oldTokenId: string,
  next: { id: string; tokenHash: string },
  now: number,
): Promise<boolean> {
  const [revoked] = await atomic(db, [
    db
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(
        and(eq(apiTokens.id, oldTokenId), eq(apiTokens.servicePlanId, planId), isNull(apiTokens.revokedAt)),
      )
      .returning({ id: apiTokens.id }),
    db.run(sql`INSERT INTO api_tokens (id, service_plan_id, token_hash, created_at)
      SELECT ${next.id}, ${planId}, ${next.tokenHash}, ${now}
      WHERE EXISTS (SELECT 1 FROM api_tokens WHERE id = ${oldTokenId} AND service_plan_id = ${planId} AND revoked_at = ${now})
        AND changes() = 1`),
  ]);
  return revoked.length > 0;
}
