// REST routes of batches: send, list, get, update, replace, cancel (both forms), dry run (both forms), feedback.
import { cancelBatch, replaceBatch, updateBatch } from "../../domain/batches/change";
import { dryRunRequest, dryRunStored } from "../../domain/batches/dry-run";
import { deliveryFeedback } from "../../domain/batches/feedback";
import { getBatch, listBatches } from "../../domain/batches/read";
import { sendBatch } from "../../domain/batches/send";
import {
  Batch,
  BatchList,
  BatchPath,
  DeliveryFeedbackRequest,
  DryRunQuery,
  DryRunResponse,
  ListBatchesQuery,
  SendBatchRequest,
  UpdateBatchRequest,
} from "../../domain/schemas/batches";
import { type Operation, planOperation, XMS } from "../rest";

const tag = "Batches";
const BATCH = `${XMS}/batches/:batch_id`;
/** Targets may name groups: an unknown one is 403 unknown_group. */
const TARGETS = [403];
/** An operation on one stored batch that answers it. */
const ONE_BATCH = { tag, path: BATCH, params: BatchPath, status: 200, response: Batch } as const;

export const batchOperations: Operation[] = [
  planOperation(
    {
      method: "POST",
      path: `${XMS}/batches`,
      operationId: "sendBatch",
      summary: "Send a batch",
      description:
        "Accepts a batch for delivery: 201 means it is stored and every recipient will reach a final status.",
      tag,
      body: SendBatchRequest,
      status: 201,
      response: Batch,
      errors: TARGETS,
    },
    (ctx, { body }) => sendBatch(ctx, body),
  ),
  planOperation(
    {
      method: "GET",
      path: `${XMS}/batches`,
      operationId: "listBatches",
      summary: "List batches",
      description:
        "Newest first. `from`/`to` filter by time when they parse as ISO-8601 dates; a `from` that does not is a sender filter.",
      tag,
      query: ListBatchesQuery,
      status: 200,
      response: BatchList,
    },
    (ctx, { query }) => listBatches(ctx, query),
  ),
  // Sinch's dry run sits where a batch id would: it must come before `/batches/:batch_id`.
  planOperation(
    {
      method: "POST",
      path: `${XMS}/batches/dry_run`,
      operationId: "dryRun",
      summary: "Dry run a send request",
      description: "Sinch's dry run: what a send would produce, without sending.",
      tag,
      query: DryRunQuery,
      body: SendBatchRequest,
      status: 200,
      response: DryRunResponse,
      errors: TARGETS,
    },
    (ctx, { query, body }) => dryRunRequest(ctx, body, query),
  ),
  planOperation(
    {
      ...ONE_BATCH,
      method: "GET",
      operationId: "getBatch",
      summary: "Get a batch",
    },
    (ctx, { params }) => getBatch(ctx, params.batch_id),
  ),
  planOperation(
    {
      ...ONE_BATCH,
      method: "POST",
      operationId: "updateBatch",
      summary: "Update a batch",
      description: "Changes the given fields of a batch that has not been sent; 409 once it is canceled.",
      body: UpdateBatchRequest,
      errors: [...TARGETS, 409],
    },
    (ctx, { params, body }) => updateBatch(ctx, params.batch_id, body),
  ),
  planOperation(
    {
      ...ONE_BATCH,
      method: "PUT",
      operationId: "replaceBatch",
      summary: "Replace a batch",
      description: "Sinch's replace: the batch takes the new send request whole, keeping its id.",
      body: SendBatchRequest,
      errors: [...TARGETS, 409],
    },
    (ctx, { params, body }) => replaceBatch(ctx, params.batch_id, body),
  ),
  planOperation(
    {
      ...ONE_BATCH,
      method: "DELETE",
      operationId: "cancelBatchByDelete",
      summary: "Cancel a batch (Sinch's form)",
      description: "Same as `PUT …/cancel`: recipients not yet sent end as Cancelled.",
    },
    (ctx, { params }) => cancelBatch(ctx, params.batch_id),
  ),
  planOperation(
    {
      ...ONE_BATCH,
      method: "PUT",
      path: `${BATCH}/cancel`,
      operationId: "cancelBatch",
      summary: "Cancel a batch",
      description: "Recipients not yet sent end as Cancelled; the batch answers with `canceled: true`.",
    },
    (ctx, { params }) => cancelBatch(ctx, params.batch_id),
  ),
  planOperation(
    {
      method: "POST",
      path: `${BATCH}/dry_run`,
      operationId: "dryRunBatch",
      summary: "Dry run a stored batch",
      description: "What the stored batch (e.g. a scheduled one) would produce, without sending.",
      tag,
      params: BatchPath,
      query: DryRunQuery,
      status: 200,
      response: DryRunResponse,
    },
    (ctx, { params, query }) => dryRunStored(ctx, params.batch_id, query),
  ),
  planOperation(
    {
      method: "POST",
      path: `${BATCH}/delivery_feedback`,
      operationId: "deliveryFeedback",
      summary: "Report delivery feedback",
      description: "Tells which recipients received the message (batches sent with `feedback_enabled`).",
      tag,
      params: BatchPath,
      body: DeliveryFeedbackRequest,
      status: 202,
    },
    (ctx, { params, body }) => deliveryFeedback(ctx, params.batch_id, body),
  ),
];
