// Queries: the map between our batches and the upstream (Sinch) batches that carry their recipients.
import { and, eq } from "drizzle-orm";
import type { Db } from "./client";
import { inList } from "./in-list";
import { type UpstreamBatchRow, upstreamBatches } from "./schema";

export async function recordUpstreamBatch(db: Db, row: UpstreamBatchRow): Promise<void> {
  await db.insert(upstreamBatches).values(row).onConflictDoNothing();
}

/** Our batch id for an upstream batch id, only within the plan: another plan's ids map to nothing. */
export async function ourBatchIds(
  db: Db,
  planId: string,
  upstreamIds: string[],
): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const id of new Set(upstreamIds)) {
    const rows = await db
      .select({ batchId: upstreamBatches.batchId })
      .from(upstreamBatches)
      .where(and(eq(upstreamBatches.upstreamBatchId, id), eq(upstreamBatches.servicePlanId, planId)));
    if (rows[0]) map.set(id, rows[0].batchId);
  }
  return map;
}

export async function upstreamBatchesOf(db: Db, planId: string, batchId: string): Promise<string[]> {
  const rows = await db
    .select({ id: upstreamBatches.upstreamBatchId })
    .from(upstreamBatches)
    .where(and(eq(upstreamBatches.batchId, batchId), eq(upstreamBatches.servicePlanId, planId)));
  return rows.map((r) => r.id);
}

/** Which of these upstream ids are already mapped, and to which of the plan's batches. */
export async function mappedUpstreamIds(
  db: Db,
  planId: string,
  upstreamIds: string[],
): Promise<Map<string, string>> {
  if (upstreamIds.length === 0) return new Map();
  const rows = await db
    .select({ id: upstreamBatches.upstreamBatchId, batchId: upstreamBatches.batchId })
    .from(upstreamBatches)
    .where(
      and(eq(upstreamBatches.servicePlanId, planId), inList(upstreamBatches.upstreamBatchId, upstreamIds)),
    );
  return new Map(rows.map((r) => [r.id, r.batchId]));
}
