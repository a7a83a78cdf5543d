// Records status events: applied in D1 (never backwards), their callbacks put in the outbox, completed batches retired.
import { applyStatusEvents } from "../../db/status-events";
import { writeEventPoints } from "../stats/analytics";
import { callbacksFor } from "./callbacks-for";
import type { DeliveryDeps } from "./deps";
import type { StatusEvent } from "./events";
import { publishChanges } from "./publish";

/**
 * Only rows that really changed cause callbacks, so a repeated or late event changes nothing and calls
 * nobody. `alsoCheck`: batches to close even without events (all sent, or nothing to send at all).
 */
export async function recordEvents(
  deps: Pick<DeliveryDeps, "db" | "store" | "plan" | "now" | "memory" | "live" | "analytics">,
  events: StatusEvent[],
  alsoCheck: string[] = [],
): Promise<void> {
  if (events.length === 0 && alsoCheck.length === 0) return;
  const now = deps.now();
  const { changed, batches } = await applyStatusEvents(deps.db, events, now, alsoCheck);
  writeEventPoints(deps.analytics, deps.plan.id, changed);
  deps.store.addCallbacks(await callbacksFor(deps.db, deps.plan.callbackUrl, changed, batches), now);
  for (const b of batches) {
    if (!b.completedNow) continue;
    deps.store.deleteJob(b.id);
    deps.memory.active.delete(b.id);
  }
  await publishChanges(deps, changed, batches);
}
