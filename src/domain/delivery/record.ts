// Records status events: applied in D1 (never backwards) with their callbacks in the same batch, completed batches retired.
import { applyStatusEvents } from "../../db/status-events";
import { writeEventPoints } from "../stats/analytics";
import type { DeliveryDeps } from "./deps";
import type { StatusEvent } from "./events";
import { publishChanges } from "./publish";

/**
 * Only rows that really changed cause callbacks, so a repeated or late event changes nothing and calls
 * nobody. `alsoCheck`: batches to close even without events (all sent, or nothing to send at all).
 */
export async function recordEvents(
  deps: Pick<DeliveryDeps, "db" | "store" | "plan" | "now" | "memory" | "checkpoint" | "live" | "analytics">,
  events: StatusEvent[],
  alsoCheck: string[] = [],
): Promise<void> {
  if (events.length === 0 && alsoCheck.length === 0) return;
  const now = deps.now();
  const { changed, batches, callbacks } = await applyStatusEvents(
    deps.db,
    events,
    now,
    alsoCheck,
    deps.plan.callbackUrl,
  );
  // Committed, callbacks included: a crash here must lose nothing (the watchdog wakes the drain).
  deps.checkpoint("after-apply");
  writeEventPoints(deps.analytics, deps.plan.id, changed);
  if (callbacks > 0) deps.store.noteCallbacksDue(now);
  for (const b of batches) {
    if (!b.completedNow) continue;
    deps.store.deleteJob(b.id);
    deps.memory.active.delete(b.id);
  }
  await publishChanges(deps, changed, batches);
}
