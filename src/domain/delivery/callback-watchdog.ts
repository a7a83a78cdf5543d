// The cron's part in callbacks: wake queues whose callbacks are due (a lost wake-up), and keep the log bounded.
import { plansWithDueCallbacks, pruneCrowdedCallbacks, pruneOldCallbacks } from "../../db/callbacks";
import type { Db } from "../../db/client";
import type { QueueClient } from "../context";
import { DAY_MS } from "../time";
import { LOOKAHEAD_MS } from "./watchdog";

/** The callback log keeps 14 days, and at most this many callbacks per plan (the oldest go first). */
export const CALLBACK_RETENTION_MS = 14 * DAY_MS;
export const CALLBACKS_PER_PLAN = 100_000;
/** Per tick and per kind of deletion: a larger backlog is worked through over the following ticks. */
const PRUNE_PER_TICK = 5_000;
const PLANS_PER_TICK = 1_000;

/**
 * A callback is written to D1 before its queue is told (an MO is stored by the Worker, which may die
 * before the wake-up): every plan with a callback due before the next tick gets its queue armed.
 */
export async function callbackWatchdog(
  db: Db,
  queueFor: (planId: string) => QueueClient,
  now: number,
): Promise<{ plans: number; failed: number; pruned: number }> {
  const due = await plansWithDueCallbacks(db, now + LOOKAHEAD_MS, PLANS_PER_TICK);
  const results = await Promise.allSettled(due.map((d) => queueFor(d.planId).callbacksPending(d.at)));
  const failed = results.filter((r) => r.status === "rejected");
  for (const f of failed)
    console.error(
      JSON.stringify({
        event: "watchdog_callbacks_failed",
        error: String((f as PromiseRejectedResult).reason),
      }),
    );
  let pruned = await pruneOldCallbacks(db, now - CALLBACK_RETENTION_MS, PRUNE_PER_TICK);
  // Counting every plan's rows reads the whole log's index: once an hour is enough for a bound this loose.
  if (new Date(now).getUTCMinutes() === 0)
    pruned += await pruneCrowdedCallbacks(db, CALLBACKS_PER_PLAN, PRUNE_PER_TICK);
  return { plans: due.length, failed: failed.length, pruned };
}
