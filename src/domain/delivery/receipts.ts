// Receipts the upstream promised for later (an operator's final report): applied when due, in due order.
import type { DeliveryDeps } from "./deps";
import { EVENTS_PER_STEP } from "./limits";
import { recordEvents } from "./record";

/** Returns false when nothing was due. */
export async function applyDueReceipts(deps: DeliveryDeps): Promise<boolean> {
  const due = deps.store.dueEvents(deps.now(), EVENTS_PER_STEP);
  if (due.length === 0) return false;
  await recordEvents(
    deps,
    due.map((d) => d.event),
  );
  deps.store.deleteEvents(due.map((d) => d.id));
  return true;
}
