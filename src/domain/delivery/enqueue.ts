// Enqueue: batches join the plan's line (idempotent by batch id; a started batch is left alone).
import type { DeliveryStore, EngineMemory } from "./deps";

export interface QueueJob {
  batchId: string;
  sendAt: number;
  expireAt: number;
}

/** Returns when the earliest of these jobs is ready (Infinity for none). */
export function addJobs(
  deps: { store: DeliveryStore; memory: EngineMemory },
  jobs: QueueJob[],
  now: number,
): number {
  let earliestReady = Number.POSITIVE_INFINITY;
  for (const job of jobs) {
    const readyAt = Math.max(job.sendAt, now);
    earliestReady = Math.min(earliestReady, readyAt);
    deps.store.upsertJob(job.batchId, readyAt, job.expireAt);
    // Read again when its turn comes: an update or replace may have changed it.
    deps.memory.active.delete(job.batchId);
  }
  return earliestReady;
}
