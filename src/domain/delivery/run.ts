// One run of the engine: reconcile what a crash left in flight, then receipts, expiry and dispatch until nothing
// moves or the run's budget is spent; an unavailable upstream backs dispatch off, slower each time.
import { UpstreamUnavailable } from "../../upstream/upstream";
import { FIRST_RETRY_MS } from "./backoff";
import type { DeliveryDeps } from "./deps";
import { dispatchStep } from "./dispatch-step";
import { expireDue } from "./expire";
import { MAX_UPSTREAM_BACKOFF_MS, RUN_BUDGET_MS } from "./limits";
import { applyDueReceipts } from "./receipts";
import { reconcileInflight } from "./reconcile";

export async function runDue(deps: DeliveryDeps): Promise<void> {
  const { memory } = deps;
  const deadline = deps.now() + RUN_BUDGET_MS;
  // While the upstream is backing off, receipts, expiry and callbacks still go on; dispatch waits.
  const upstreamReady = deps.now() >= memory.backoffUntil;
  try {
    if (upstreamReady) await reconcileInflight(deps);
    while (deps.now() < deadline) {
      const progressed =
        (await applyDueReceipts(deps)) ||
        (await expireDue(deps)) ||
        (upstreamReady && (await dispatchStep(deps)));
      // A step that emptied the line ends the run: arrivals in the next COALESCE_MS share one step.
      if (!progressed || memory.drainedAt === deps.now()) break;
      await deps.yieldBetweenSteps?.();
    }
    // Only a run that reached the upstream proves it is back: one that waited out the backoff proves nothing.
    if (upstreamReady) memory.upstreamFailures = 0;
  } catch (error) {
    if (!(error instanceof UpstreamUnavailable)) throw error;
    // What is in flight stays logged; try again later, slower each time.
    memory.upstreamFailures++;
    memory.backoffUntil =
      deps.now() + Math.min(MAX_UPSTREAM_BACKOFF_MS, FIRST_RETRY_MS * 2 ** (memory.upstreamFailures - 1));
    deps.log?.({
      event: "upstream_unavailable",
      plan: deps.plan.id,
      retry_at: new Date(memory.backoffUntil).toISOString(),
      error: error.message,
    });
  }
}
