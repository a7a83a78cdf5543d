// A send request as the row to store: every field at its effective value (defaults, caps, the plan's originator).
import type { BatchRow, NewBatchRow } from "../../db/schema";
import type { PlanContext } from "../context";
import { ApiError } from "../errors";
import type { SendBatchRequest } from "../schemas/batches";
import { DAY_MS } from "../time";

/** Sinch: expire_at defaults to, and is capped at, send_at + 3 days. */
export const MAX_EXPIRY_MS = 3 * DAY_MS;

/** send_at and expire_at with Sinch's defaults, cap and ordering rule. */
export function effectiveTimes(now: number, sendAt: number | undefined, expireAt: number | undefined) {
  const send = sendAt ?? now;
  const cap = send + MAX_EXPIRY_MS;
  const expire = Math.min(expireAt ?? cap, cap);
  if (expire <= send) throw new ApiError("syntax_constraint_violation", "expire_at: must be after send_at");
  return { sendAt: send, expireAt: expire };
}

export function resolveOriginator(ctx: PlanContext, from: string | undefined): string {
  const originator = from ?? ctx.plan.defaultOriginator;
  if (originator === undefined || originator === null)
    throw new ApiError(
      "syntax_constraint_violation",
      "from: is required (the service plan has no default originator)",
    );
  return originator;
}

/** The row for a new (or replacing) batch: every field at its effective value. */
export function rowFromRequest(
  ctx: PlanContext,
  req: SendBatchRequest,
  ids: { id: string; createdAt: number },
): NewBatchRow & BatchRow {
  const now = ctx.now();
  const { sendAt, expireAt } = effectiveTimes(now, req.send_at, req.expire_at);
  const text = req.type === "mt_text" ? req : undefined;
  return {
    id: ids.id,
    servicePlanId: ctx.plan.id,
    type: req.type,
    to: JSON.stringify(req.to),
    from: resolveOriginator(ctx, req.from),
    body: req.body,
    udh: req.type === "mt_binary" ? req.udh : null,
    parameters: text?.parameters ? JSON.stringify(text.parameters) : null,
    deliveryReport: req.delivery_report ?? "none",
    sendAt,
    expireAt,
    callbackUrl: req.callback_url ?? null,
    clientReference: req.client_reference ?? null,
    feedbackEnabled: req.feedback_enabled ?? false,
    flashMessage: text?.flash_message ?? false,
    maxNumberOfMessageParts: text?.max_number_of_message_parts ?? null,
    truncateConcat: text?.truncate_concat ?? null,
    fromTon: req.from_ton ?? null,
    fromNpi: req.from_npi ?? null,
    canceled: false,
    dispatchStartedAt: null,
    completedAt: null,
    createdAt: ids.createdAt,
    modifiedAt: now,
  };
}
