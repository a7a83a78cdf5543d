// Activation: due jobs become batches in memory; those never started are started (groups resolved, send_at passed).
import { findBatches } from "../../db/batches";
import { startDispatch, type Targets } from "../../db/recipients";
import { draftOfRow } from "../batches/render";
import { splitTargets } from "../batches/targets";
import { cancelQueued } from "./cancel";
import type { ActiveBatch, DeliveryDeps, Job } from "./deps";

const NO_TARGETS: Targets = { numbers: [], groupIds: [] };

/**
 * Loads the batches of `jobs` not yet in memory, starting those never started (one D1 round trip for
 * all). Gone, finished or canceled batches leave the line. Returns the dispatchable ones in line order.
 */
export async function activate(deps: DeliveryDeps, jobs: Job[]): Promise<Map<string, ActiveBatch>> {
  const { store, memory } = deps;
  const missing = jobs.filter((j) => !(j.phase === "dispatching" && memory.active.has(j.batch_id)));
  const loaded = new Map<string, ActiveBatch>();
  if (missing.length > 0) {
    const rows = new Map(
      (
        await findBatches(
          deps.db,
          deps.plan.id,
          missing.map((j) => j.batch_id),
        )
      ).map((r) => [r.id, r]),
    );
    const starting: { batchId: string; targets: Targets; modifiedAt: number }[] = [];
    for (const job of missing) {
      const row = rows.get(job.batch_id);
      if (!row || row.completedAt !== null) {
        // Gone, or every recipient already final (a repeated enqueue): nothing left to do.
        store.deleteJob(job.batch_id);
        continue;
      }
      if (row.canceled) {
        await cancelQueued(deps, row.id);
        store.setPhase(job.batch_id, "reporting");
        continue;
      }
      // Groups are resolved at send time, once: a repeat after a crash finds dispatch_started_at set.
      if (job.phase === "waiting") {
        const targets =
          row.dispatchStartedAt === null ? splitTargets(JSON.parse(row.to) as string[]) : NO_TARGETS;
        starting.push({ batchId: row.id, targets, modifiedAt: row.modifiedAt });
      }
      loaded.set(row.id, { row, draft: draftOfRow(row) });
    }
    const started = await startDispatch(deps.db, deps.plan.id, starting, deps.now());
    for (const s of starting) {
      // Changed or canceled since it was read: read it again next step rather than send a stale copy.
      if (started.has(s.batchId)) store.setPhase(s.batchId, "dispatching");
      else loaded.delete(s.batchId);
    }
    for (const [id, batch] of loaded) memory.active.set(id, batch);
  }
  // This step works on its own map: an enqueue or cancel arriving meanwhile may clear `active`.
  const step = new Map<string, ActiveBatch>();
  for (const job of jobs) {
    const batch = loaded.get(job.batch_id) ?? memory.active.get(job.batch_id);
    if (batch) step.set(job.batch_id, batch);
  }
  return step;
}
