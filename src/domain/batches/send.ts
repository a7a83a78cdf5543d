// Send batch: validate references, then write the batch and its Queued recipients in one atomic D1 batch.
import { insertBatch } from "../../db/batches";
import type { PlanContext } from "../context";
import { newId } from "../ids";
import type { Batch, SendBatchRequest } from "../schemas/batches";
import { rowFromRequest } from "./batch-row";
import { handToQueue } from "./queue-handoff";
import { dedupe, resolveTargets } from "./targets";
import { toBatch } from "./to-batch";

export async function sendBatch(ctx: PlanContext, req: SendBatchRequest): Promise<Batch> {
  const request = { ...req, to: dedupe(req.to) };
  const row = rowFromRequest(ctx, request, { id: newId(), createdAt: ctx.now() });
  const targets = await resolveTargets(ctx, request.to);
  await insertBatch(ctx.db, row, targets);
  handToQueue(ctx, row);
  return toBatch(row);
}
