// Delivery feedback: the sender confirms which recipients got the message (Sinch uses it for conversion stats).
import { markFeedback } from "../../db/reports";
import type { PlanContext } from "../context";
import { ApiError } from "../errors";
import type { DeliveryFeedbackRequest } from "../schemas/batches";
import { requireBatch } from "./read";

/** An empty list means every recipient of the batch. */
export async function deliveryFeedback(
  ctx: PlanContext,
  batchId: string,
  req: DeliveryFeedbackRequest,
): Promise<void> {
  const batch = await requireBatch(ctx, batchId);
  if (!batch.feedbackEnabled)
    throw new ApiError(
      "syntax_constraint_violation",
      `feedback_enabled: batch ${batch.id} was sent without feedback_enabled`,
    );
  const unknown = await markFeedback(ctx.db, batch.id, req.recipients, ctx.now());
  if (unknown !== undefined)
    throw new ApiError(
      "syntax_constraint_violation",
      `recipients: ${unknown} is not a recipient of batch ${batch.id}`,
    );
}
