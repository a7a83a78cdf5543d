// Queries: removing a service plan: its tokens revoked at once, then its rows in every table, in bounded chunks.
import { sql } from "drizzle-orm";
import { atomic } from "./batch";
import type { Db } from "./client";

/**
 * Every table holding a plan's rows by `service_plan_id`, in deletion order: recipients first (their delete
 * trigger may still count into plan_stats), plan_stats after everything that counts into it; group_members
 * (keyed by group) go just before their groups. A unit test
 * checks that every table of the schema with a service_plan_id column is listed (api_tokens and
 * service_plans go last, together, in removePlanRow).
 */
export const PLAN_TABLES = [
  "recipients",
  "simulator_messages",
  "upstream_batches",
  "batches",
  "groups",
  "inbounds",
  "auto_replies",
  "opt_outs",
  "webhook_nonces",
  "plan_stats",
  "plan_stat_hours",
  "simulator_rules",
  "simulator_refusals",
  "callbacks",
] as const;

/** Rows per DELETE statement: a huge plan never makes one long write that blocks the database. */
export const REMOVAL_CHUNK = 5_000;

/** Revokes every live token of the plan; false when there is no such plan. */
export async function revokePlanTokens(db: Db, planId: string, now: number): Promise<boolean> {
  const [, plans] = await atomic(db, [
    db.run(
      sql`UPDATE api_tokens SET revoked_at = ${now} WHERE service_plan_id = ${planId} AND revoked_at IS NULL`,
    ),
    db.all<{ id: string }>(sql`SELECT id FROM service_plans WHERE id = ${planId}`),
  ]);
  return plans.length > 0;
}

async function deleteChunks(statement: () => ReturnType<Db["run"]>): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await statement();
    const changes = result.meta.changes ?? 0;
    total += changes;
    if (changes < REMOVAL_CHUNK) return total;
  }
}

/** Deletes the plan's rows everywhere but the plan and its tokens; returns rows deleted per table. */
export async function removePlanData(db: Db, planId: string): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  const groupMembers = () =>
    db.run(sql`DELETE FROM group_members WHERE rowid IN (SELECT m.rowid FROM groups g
      JOIN group_members m ON m.group_id = g.id WHERE g.service_plan_id = ${planId} LIMIT ${REMOVAL_CHUNK})`);
  const callbackAttempts = () =>
    db.run(sql`DELETE FROM callback_attempts WHERE rowid IN (SELECT a.rowid FROM callbacks c
      JOIN callback_attempts a ON a.callback_id = c.id WHERE c.service_plan_id = ${planId} LIMIT ${REMOVAL_CHUNK})`);
  for (const table of PLAN_TABLES) {
    if (table === "groups") removed.group_members = await deleteChunks(groupMembers);
    if (table === "callbacks") removed.callback_attempts = await deleteChunks(callbackAttempts);
    // The table name comes from the constant list above, never from input.
    const name = sql.raw(table);
    removed[table] = await deleteChunks(() =>
      db.run(sql`DELETE FROM ${name} WHERE rowid IN
        (SELECT rowid FROM ${name} WHERE service_plan_id = ${planId} LIMIT ${REMOVAL_CHUNK})`),
    );
  }
  return removed;
}

/** The plan's last rows: its tokens and itself, together. */
export async function removePlanRow(db: Db, planId: string): Promise<void> {
  await atomic(db, [
    db.run(sql`DELETE FROM api_tokens WHERE service_plan_id = ${planId}`),
    db.run(sql`DELETE FROM service_plans WHERE id = ${planId}`),
  ]);
}
