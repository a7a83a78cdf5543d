// After a crash between submit and record: ask the upstream what it already has; resubmit nothing.
import type { DeliveryDeps } from "./deps";
import { withFacts } from "./outbound";
import { recordEvents } from "./record";

export async function reconcileInflight(deps: DeliveryDeps): Promise<void> {
  const inflight = deps.store.inflight();
  if (inflight.length === 0) return;
  const outcome = await deps.upstream.reconcile(
    inflight.map((i) => i.message),
    deps.now(),
  );
  const facts = new Map(inflight.map((i) => [i.message.key, i.facts]));
  await recordEvents(
    deps,
    outcome.events.map((e) => withFacts(e, facts)),
  );
  deps.store.addLater(outcome.later);
  deps.store.addReplies(outcome.replies ?? []);
  // Unknown keys were never accepted: they are still Queued in D1 and will be read again.
  deps.store.clearInflight(inflight.map((i) => i.message.key));
}
