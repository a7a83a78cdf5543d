// Update, replace and cancel a batch; update and replace refuse once dispatch has begun or the batch is canceled.
import { markCanceled, rewriteBatch } from "../../db/batches";
import type { BatchRow } from "../../db/schema";
import type { PlanContext } from "../context";
import { ApiError, notFound } from "../errors";
import {
  type Batch,
  MAX_BINARY_BYTES,
  MAX_RECIPIENTS,
  type SendBatchRequest,
  type UpdateBatchRequest,
} from "../schemas/batches";
import { base64ByteLength, hexByteLength } from "../text/binary";
import { effectiveTimes, MAX_EXPIRY_MS, rowFromRequest } from "./batch-row";
import { cancelInQueue, handToQueue } from "./queue-handoff";
import { requireBatch } from "./read";
import { dedupe, resolveTargets, splitTargets } from "./targets";
import { toBatch } from "./to-batch";

function assertChangeable(row: BatchRow): void {
  if (row.canceled)
    throw new ApiError("conflict_send_at", `Batch ${row.id} is canceled and can no longer be changed`);
  if (row.dispatchStartedAt !== null)
    throw new ApiError(
      "conflict_send_at",
      `Batch ${row.id} has already been dispatched and can no longer be changed`,
    );
}

/** Another change (a cancel, the start of dispatch, another update) won the race: nothing was written. */
const changedMeanwhile = (id: string) =>
  new ApiError(
    "conflict_send_at",
    `Batch ${id} was canceled, dispatched or changed meanwhile; nothing was changed`,
  );

const TEXT_ONLY = ["parameters", "flash_message", "max_number_of_message_parts", "truncate_concat"] as const;

export async function updateBatch(
  ctx: PlanContext,
  batchId: string,
  req: UpdateBatchRequest,
): Promise<Batch> {
  const row = await requireBatch(ctx, batchId);
  assertChangeable(row);
  if (req.type !== undefined && req.type !== row.type)
    throw new ApiError(
      "syntax_constraint_violation",
      `type: batch ${row.id} is ${row.type} and cannot become ${req.type}`,
    );
  if (row.type === "mt_binary") {
    const field = TEXT_ONLY.find((f) => req[f] !== undefined);
    if (field)
      throw new ApiError("syntax_constraint_violation", `${field}: not allowed for mt_binary batches`);
    const body = req.body ?? row.body;
    const bodyBytes = base64ByteLength(body);
    if (bodyBytes === undefined)
      throw new ApiError("syntax_invalid_parameter_format", "body: must be Base64");
    const bytes = bodyBytes + (hexByteLength(req.udh ?? row.udh ?? "") ?? 0);
    if (bytes > MAX_BINARY_BYTES)
      throw new ApiError(
        "syntax_constraint_violation",
        `body: body and udh together must be at most ${MAX_BINARY_BYTES} bytes, got ${bytes}`,
      );
  } else if (req.udh !== undefined)
    throw new ApiError("syntax_constraint_violation", "udh: only allowed for mt_binary batches");

  const toAdd = dedupe(req.to_add ?? []);
  const toRemove = new Set(req.to_remove ?? []);
  const to = dedupe([...(JSON.parse(row.to) as string[]), ...toAdd]).filter((t) => !toRemove.has(t));
  if (to.length === 0)
    throw new ApiError("syntax_constraint_violation", "to_remove: a batch must keep at least 1 recipient");
  if (to.length > MAX_RECIPIENTS)
    throw new ApiError(
      "syntax_constraint_violation",
      `to_add: a batch can have at most ${MAX_RECIPIENTS} recipients`,
    );
  const add = await resolveTargets(ctx, toAdd);

  const now = ctx.now();
  const sendAt = req.send_at ?? row.sendAt;
  const expireDefault = req.send_at === undefined ? row.expireAt : sendAt + MAX_EXPIRY_MS;
  const times = effectiveTimes(now, sendAt, req.expire_at ?? expireDefault);
  const next: BatchRow = {
    ...row,
    to: JSON.stringify(to),
    from: req.from ?? row.from,
    body: req.body ?? row.body,
    udh: req.udh ?? row.udh,
    parameters: req.parameters === undefined ? row.parameters : JSON.stringify(req.parameters),
    deliveryReport: req.delivery_report ?? row.deliveryReport,
    sendAt: times.sendAt,
    expireAt: times.expireAt,
    callbackUrl: req.callback_url ?? row.callbackUrl,
    clientReference: req.client_reference ?? row.clientReference,
    feedbackEnabled: req.feedback_enabled ?? row.feedbackEnabled,
    flashMessage: req.flash_message ?? row.flashMessage,
    maxNumberOfMessageParts: req.max_number_of_message_parts ?? row.maxNumberOfMessageParts,
    truncateConcat: req.truncate_concat ?? row.truncateConcat,
    fromTon: req.from_ton ?? row.fromTon,
    fromNpi: req.from_npi ?? row.fromNpi,
    modifiedAt: now,
  };
  if (
    !(await rewriteBatch(ctx.db, next, row.modifiedAt, {
      removeAll: false,
      remove: splitTargets([...toRemove]),
      add,
    }))
  )
    throw changedMeanwhile(row.id);
  handToQueue(ctx, next);
  return toBatch(next);
}

/** Like cancel and resend, but the batch keeps its id and created_at; omitted fields reset to defaults. */
export async function replaceBatch(ctx: PlanContext, batchId: string, req: SendBatchRequest): Promise<Batch> {
  const row = await requireBatch(ctx, batchId);
  assertChangeable(row);
  const request = { ...req, to: dedupe(req.to) };
  const next = rowFromRequest(ctx, request, { id: row.id, createdAt: row.createdAt });
  const add = await resolveTargets(ctx, request.to);
  if (
    !(await rewriteBatch(ctx.db, next, row.modifiedAt, {
      removeAll: true,
      remove: { numbers: [], groupIds: [] },
      add,
    }))
  )
    throw changedMeanwhile(row.id);
  handToQueue(ctx, next);
  return toBatch(next);
}

/**
 * Cancel is always accepted: the flag first (dispatch stops at it), then the queue ends recipients
 * not yet dispatched as Cancelled (407); messages already in flight may still arrive, as with Sinch.
 */
export async function cancelBatch(ctx: PlanContext, batchId: string): Promise<Batch> {
  const row = await markCanceled(ctx.db, ctx.plan.id, batchId, ctx.now());
  if (!row) throw notFound("Batch", batchId);
  await cancelInQueue(ctx, batchId);
  return toBatch(row);
}
