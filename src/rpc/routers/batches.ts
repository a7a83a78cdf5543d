// tRPC procedures of batches: the same services and schemas as the REST routes.
import { cancelBatch, replaceBatch, updateBatch } from "../../domain/batches/change";
import { dryRunRequest, dryRunStored } from "../../domain/batches/dry-run";
import { deliveryFeedback } from "../../domain/batches/feedback";
import { getBatch, listBatches } from "../../domain/batches/read";
import { sendBatch } from "../../domain/batches/send";
import {
  BatchId,
  BatchPath,
  DeliveryFeedbackRequest,
  DryRunQuery,
  ListBatchesQuery,
  SendBatchRequest,
  UpdateBatchRequest,
} from "../../domain/schemas/batches";
import { optionalInput, withParams } from "../input";
import { planProcedure, router } from "../trpc";

export const batchesRouter = router({
  send: planProcedure.input(SendBatchRequest).mutation(({ ctx, input }) => sendBatch(ctx.scope, input)),
  list: planProcedure
    .input(optionalInput(ListBatchesQuery))
    .query(({ ctx, input }) => listBatches(ctx.scope, input)),
  get: planProcedure.input(BatchPath).query(({ ctx, input }) => getBatch(ctx.scope, input.batch_id)),
  update: planProcedure
    .input(withParams({ batch_id: BatchId }, UpdateBatchRequest))
    .mutation(({ ctx, input }) => updateBatch(ctx.scope, input.params.batch_id, input.body)),
  replace: planProcedure
    .input(withParams({ batch_id: BatchId }, SendBatchRequest))
    .mutation(({ ctx, input }) => replaceBatch(ctx.scope, input.params.batch_id, input.body)),
  cancel: planProcedure.input(BatchPath).mutation(({ ctx, input }) => cancelBatch(ctx.scope, input.batch_id)),
  dryRun: planProcedure
    .input(withParams(DryRunQuery.shape, SendBatchRequest))
    .mutation(({ ctx, input }) => dryRunRequest(ctx.scope, input.body, input.params)),
  dryRunStored: planProcedure
    .input(DryRunQuery.extend({ batch_id: BatchId }))
    .mutation(({ ctx, input }) => dryRunStored(ctx.scope, input.batch_id, input)),
  deliveryFeedback: planProcedure
    .input(withParams({ batch_id: BatchId }, DeliveryFeedbackRequest))
    .mutation(async ({ ctx, input }) => {
      await deliveryFeedback(ctx.scope, input.params.batch_id, input.body);
      return null;
    }),
});
