// Hands a stored batch to the plan's send queue, and takes a canceled one out; the D1 row is the durable truth.
import type { BatchRow } from "../../db/schema";
import type { PlanContext } from "../context";

/**
 * A batch is durable once in D1: the answer need not wait for the queue. If the notification is lost
 * (the queue unreachable, the Worker gone), the cron watchdog enqueues the batch within a minute.
 */
export function handToQueue(ctx: PlanContext, row: BatchRow): void {
  ctx.defer(
    ctx.queue.enqueue([{ batchId: row.id, sendAt: row.sendAt, expireAt: row.expireAt }]).catch((error) => {
      console.error(JSON.stringify({ event: "enqueue_failed", batch_id: row.id, error: String(error) }));
    }),
  );
}

/** Waited for: the answer to a cancel should show the recipients it cancelled. */
export async function cancelInQueue(ctx: PlanContext, batchId: string): Promise<void> {
  try {
    await ctx.queue.cancel(batchId);
  } catch (error) {
    console.error(JSON.stringify({ event: "queue_cancel_failed", batch_id: batchId, error: String(error) }));
  }
}
