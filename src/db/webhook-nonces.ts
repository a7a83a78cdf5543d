// Queries: seen Sinch webhook nonces, claimed by insert so two copies of one signed request cannot both pass.
import { and, eq, lt } from "drizzle-orm";
import { atomic } from "./batch";
import type { Db } from "./client";
import { webhookNonces } from "./schema";

/**
 * True when this nonce is new for the plan (and is now recorded); false for a replay. Nonces seen before
 * `expiredBefore` are pruned in the same batch: the signature window already refuses requests that old.
 */
export async function claimNonce(
  db: Db,
  planId: string,
  nonce: string,
  now: number,
  expiredBefore: number,
): Promise<boolean> {
  const [, inserted] = await atomic(db, [
    db
      .delete(webhookNonces)
      .where(and(eq(webhookNonces.servicePlanId, planId), lt(webhookNonces.seenAt, expiredBefore))),
    db
      .insert(webhookNonces)
      .values({ servicePlanId: planId, nonce, seenAt: now })
      .onConflictDoNothing()
      .returning({ nonce: webhookNonces.nonce }),
  ]);
  return inserted.length > 0;
}

/** Forgets a nonce whose request changed nothing (it failed), so Sinch's identical retry is not refused. */
export async function releaseNonce(db: Db, planId: string, nonce: string): Promise<void> {
  await db
    .delete(webhookNonces)
    .where(and(eq(webhookNonces.servicePlanId, planId), eq(webhookNonces.nonce, nonce)));
}
