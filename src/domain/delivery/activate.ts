// Activation: due jobs become batches in memory; those never started are started (groups resolved, send_at passed)
// in the same D1 round trip that picks the step's recipients.
import { findBatches } from "../../db/batches";
import { type PickedRecipient, type StartingBatch, startAndPick, type Targets } from "../../db/recipients";
import { draftOfRow } from "../batches/render";
import { splitTargets } from "../batches/targets";
import { cancelQueued } from "./cancel";
import type { ActiveBatch, DeliveryDeps, Job } from "./deps";

const NO_TARGETS: Targets = { numbers: [], groupIds: [] };

/** The batches of a step in line order, and the recipients picked from them (fewer than asked: all exhausted). */
export interface Activated {
  batches: Map<string, ActiveBatch>;
  picked: PickedRecipient[];
}

/**
 * Loads the batches of `jobs` not yet in memory, then, in one D1 round trip, starts those never started and
 * picks up to `limit` waiting recipients of the step's batches. Gone, finished or canceled batches leave the
 * line. Returns the dispatchable batches in line order with their picked recipients.
 */
export async function activate(deps: DeliveryDeps, jobs: Job[], limit: number): Promise<Activated> {
  const { store, memory } = deps;
  const missing = jobs.filter((j) => !(j.phase === "dispatching" && memory.active.has(j.batch_id)));
  const loaded = new Map<string, ActiveBatch>();
  const starting: StartingBatch[] = [];
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
  }
  // This step works on its own map: an enqueue or cancel arriving meanwhile may clear `active`.
  const batches = new Map<string, ActiveBatch>();
  for (const job of jobs) {
    const batch = loaded.get(job.batch_id) ?? memory.active.get(job.batch_id);
    if (batch) batches.set(job.batch_id, batch);
  }
  const { started, picked } = await startAndPick(
    deps.db,
    deps.plan.id,
    starting,
    [...batches.keys()],
    limit,
    deps.now(),
  );
  for (const s of starting) {
    if (started.has(s.batchId)) {
      store.setPhase(s.batchId, "dispatching");
      continue;
    }
    // Changed or canceled since it was read (and so nothing picked): read it again next step rather than
    // send a stale copy.
    loaded.delete(s.batchId);
    batches.delete(s.batchId);
  }
  for (const [id, batch] of loaded) memory.active.set(id, batch);
  return { batches, picked };
}
