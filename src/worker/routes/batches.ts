// REST routes of batches: send, list, get, update, replace, cancel (both forms), dry run (both forms), feedback.
import type { RouterType } from "itty-router";
import { cancelBatch, replaceBatch, updateBatch } from "../../domain/batches/change";
import { dryRunRequest, dryRunStored } from "../../domain/batches/dry-run";
import { deliveryFeedback } from "../../domain/batches/feedback";
import { getBatch, listBatches } from "../../domain/batches/read";
import { sendBatch } from "../../domain/batches/send";
import {
  DeliveryFeedbackRequest,
  DryRunQuery,
  ListBatchesQuery,
  SendBatchRequest,
  UpdateBatchRequest,
} from "../../domain/schemas/batches";
import { parseBody, parseQuery, pathParam } from "../http";
import { planRoute, XMS } from "../rest";

const id = (r: { params: Record<string, string | undefined> }) => pathParam(r.params.batch_id);

export function batchRoutes(router: RouterType): string[] {
  router
    .post(
      `${XMS}/batches`,
      planRoute(async (ctx, r) => sendBatch(ctx, await parseBody(r, SendBatchRequest)), 201),
    )
    .get(
      `${XMS}/batches`,
      planRoute(async (ctx, r) => listBatches(ctx, parseQuery(r, ListBatchesQuery))),
    )
    // Sinch's dry run sits where a batch id would: it must come before `/batches/:batch_id`.
    .post(
      `${XMS}/batches/dry_run`,
      planRoute(async (ctx, r) => {
        const q = parseQuery(r, DryRunQuery);
        return dryRunRequest(ctx, await parseBody(r, SendBatchRequest), q);
      }),
    )
    .get(
      `${XMS}/batches/:batch_id`,
      planRoute(async (ctx, r) => getBatch(ctx, id(r))),
    )
    .post(
      `${XMS}/batches/:batch_id`,
      planRoute(async (ctx, r) => updateBatch(ctx, id(r), await parseBody(r, UpdateBatchRequest))),
    )
    .put(
      `${XMS}/batches/:batch_id`,
      planRoute(async (ctx, r) => replaceBatch(ctx, id(r), await parseBody(r, SendBatchRequest))),
    )
    .delete(
      `${XMS}/batches/:batch_id`,
      planRoute(async (ctx, r) => cancelBatch(ctx, id(r))),
    )
    .put(
      `${XMS}/batches/:batch_id/cancel`,
      planRoute(async (ctx, r) => cancelBatch(ctx, id(r))),
    )
    .post(
      `${XMS}/batches/:batch_id/dry_run`,
      planRoute(async (ctx, r) => dryRunStored(ctx, id(r), parseQuery(r, DryRunQuery))),
    )
    .post(
      `${XMS}/batches/:batch_id/delivery_feedback`,
      planRoute(
        async (ctx, r) => deliveryFeedback(ctx, id(r), await parseBody(r, DeliveryFeedbackRequest)),
        202,
      ),
    );
  return [
    `${XMS}/batches`,
    `${XMS}/batches/dry_run`,
    `${XMS}/batches/:batch_id`,
    `${XMS}/batches/:batch_id/cancel`,
    `${XMS}/batches/:batch_id/dry_run`,
    `${XMS}/batches/:batch_id/delivery_feedback`,
  ];
}
