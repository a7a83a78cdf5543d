// Queries: a plan's clock offset, moved forward in one statement so concurrent jumps add up.
import { sql } from "drizzle-orm";
import type { Db } from "./client";

/** The plan's new offset from the wall clock, or undefined when the plan does not exist. */
export async function advanceClockOffset(db: Db, planId: string, ms: number): Promise<number | undefined> {
  const rows = await db.all<{ offset: number }>(sql`UPDATE service_plans
    SET clock_offset_ms = clock_offset_ms + ${ms} WHERE id = ${planId} RETURNING clock_offset_ms AS offset`);
  return rows[0]?.offset;
}
