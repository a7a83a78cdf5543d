// Hands a stored batch to the plan's send queue; the D1 row is the durable truth, the queue only its schedule.
import type { BatchRow } from "../../db/schema";
import type { PlanContext } from "../context";

/**
 * A batch is durable once in D1: if the queue cannot be reached now, the cron watchdog enqueues it
 * within a minute, so the request still succeeds.
 */
export async function enqueue(ctx: PlanContext, row: BatchRow): Promise<void> {
  try {
    await ctx.queue.enqueue([{ batchId: row.id, sendAt: row.sendAt, expireAt: row.expireAt }]);
  } catch (error) {
    console.error("enqueue failed; the watchdog will retry", row.id, error);
  }
}

export async function cancelInQueue(ctx: PlanContext, batchId: string): Promise<void> {
  try {
    await ctx.queue.cancel(batchId);
  } catch (error) {
    console.error("queue cancel failed; the queue cancels when it reaches the batch", batchId, error);
  }
}
