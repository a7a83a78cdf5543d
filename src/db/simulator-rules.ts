// Queries: a plan's scripted simulator rules, and the check-and-count of each rule's refused submissions.
import { eq, sql } from "drizzle-orm";
import { atomic } from "./batch";
import type { Db } from "./client";
import { type SimulatorRulesRow, simulatorRefusals, simulatorRules } from "./schema";

export async function findSimulatorRules(db: Db, planId: string): Promise<SimulatorRulesRow | undefined> {
  const rows = await db.select().from(simulatorRules).where(eq(simulatorRules.servicePlanId, planId));
  return rows[0];
}

/** Replaces the plan's rules; the refusal counts start again with them, in the same atomic batch. */
export async function saveSimulatorRules(db: Db, row: SimulatorRulesRow): Promise<void> {
  await atomic(db, [
    db
      .insert(simulatorRules)
      .values(row)
      .onConflictDoUpdate({
        target: simulatorRules.servicePlanId,
        set: { rules: row.rules, seed: row.seed, updatedAt: row.updatedAt },
      }),
    db.delete(simulatorRefusals).where(eq(simulatorRefusals.servicePlanId, row.servicePlanId)),
  ]);
}

/**
 * Counts one more refusal for rule `rule` unless it already refused `times` submissions; true when this call
 * counted one. One statement, so two overlapping submissions never both take the last refusal.
 */
export async function takeRefusal(db: Db, planId: string, rule: number, times: number): Promise<boolean> {
  const rows = await db.all<{
    refused: number;
  }>(sql`INSERT INTO simulator_refusals (service_plan_id, rule, refused)
    VALUES (${planId}, ${rule}, 1)
    ON CONFLICT (service_plan_id, rule) DO UPDATE SET refused = refused + 1 WHERE refused < ${times}
    RETURNING refused`);
  return rows.length > 0;
}
