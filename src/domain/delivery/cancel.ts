// Cancel: the batch leaves the line and its undispatched recipients end Cancelled (407); the upstream is told.
import { queuedRecipients } from "../../db/recipients";
import { CODES } from "./codes";
import type { DeliveryDeps } from "./deps";
import { CHUNK } from "./limits";
import { recordEvents } from "./record";

/** Ends every still-Queued recipient as Cancelled, a chunk at a time (what is in flight may still arrive). */
export async function cancelQueued(deps: DeliveryDeps, batchId: string): Promise<void> {
  for (;;) {
    const queued = await queuedRecipients(deps.db, batchId, CHUNK);
    if (queued.length === 0) return;
    const now = deps.now();
    await recordEvents(
      deps,
      queued.map((recipient) => ({ batchId, recipient, ...CODES.cancelled, at: now })),
    );
  }
}

/** Takes the batch out of the line at once; a batch waiting only for receipts keeps its job until expire_at. */
export function dropFromLine(deps: Pick<DeliveryDeps, "store" | "memory">, batchId: string): void {
  deps.store.deleteJob(batchId, { unlessReporting: true });
  deps.memory.active.delete(batchId);
}

export async function cancelBatch(deps: DeliveryDeps, batchId: string): Promise<void> {
  await cancelQueued(deps, batchId);
  await deps.upstream.cancel?.(batchId);
}
