// The cron watchdog: makes sure every plan's queue holds its due, unfinished batches. It never sends itself.
import { openBatches } from "../../db/batches";
import type { Db } from "../../db/client";
import type { QueueClient } from "../context";
import type { QueueJob } from "./enqueue";

/** Cron is minute-grained: look a minute ahead so a batch due before the next tick is armed now. */
export const LOOKAHEAD_MS = 60_000;
/** Per tick; a backlog larger than this is worked through over the following ticks. */
export const BATCHES_PER_TICK = 2_000;

/**
 * Enqueueing is idempotent by batch id, so re-enqueueing what a queue already holds only re-arms
 * its alarm (an alarm stuck in the past starts again), while a batch whose enqueue was lost, or
 * whose queue lost its state, is put back. The queue itself then reconciles half-done submissions
 * and expires what passed expire_at.
 */
export async function watchdog(
  db: Db,
  queueFor: (planId: string) => QueueClient,
  now: number,
): Promise<{ plans: number; batches: number; failed: number }> {
  const rows = await openBatches(db, now, now + LOOKAHEAD_MS, BATCHES_PER_TICK);
  const byPlan = new Map<string, QueueJob[]>();
  for (const r of rows) {
    const jobs = byPlan.get(r.servicePlanId) ?? [];
    jobs.push({ batchId: r.id, sendAt: r.sendAt, expireAt: r.expireAt });
    byPlan.set(r.servicePlanId, jobs);
  }
  const results = await Promise.allSettled(
    [...byPlan].map(([planId, jobs]) => queueFor(planId).enqueue(jobs, { rearm: true })),
  );
  const failed = results.filter((r) => r.status === "rejected");
  for (const f of failed)
    console.error(
      JSON.stringify({
        event: "watchdog_enqueue_failed",
        error: String((f as PromiseRejectedResult).reason),
      }),
    );
  return { plans: byPlan.size, batches: rows.length, failed: failed.length };
}
