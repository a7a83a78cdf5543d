// The callback log: list and get a plan's callbacks with their attempts, and redeliver one now.
import {
  type AttemptRecord,
  findCallback,
  listCallbacks as listCallbackRows,
  recordAttempts,
} from "../../db/callbacks";
import type { CallbackAttemptRow, CallbackRow } from "../../db/schema";
import type { PlanContext } from "../context";
import { classifyCallbackStatus } from "../delivery/backoff";
import { postCallback } from "../delivery/callback-post";
import { notFound } from "../errors";
import type {
  CallbackAttempt,
  CallbackDetail,
  CallbackEntry,
  ListCallbacksQuery,
} from "../schemas/callbacks";
import { pageEnvelope } from "../schemas/common";
import { toIsoOrUndefined as iso, toIso } from "../time";

/** Leaves out what is unknown rather than writing nulls, as the Sinch shapes do. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}

export const toCallbackEntry = (row: CallbackRow): CallbackEntry =>
  defined({
    id: row.id,
    kind: row.kind,
    batch_id: row.batchId ?? undefined,
    inbound_id: row.inboundId ?? undefined,
    recipient: row.recipient ?? undefined,
    url: row.url,
    state: row.state,
    attempt_count: row.attempts,
    next_attempt_at: row.state === "pending" ? iso(row.nextAt) : undefined,
    created_at: toIso(row.createdAt),
    last_attempt_at: iso(row.lastAttemptAt),
    last_status: row.lastStatus ?? undefined,
    last_error: row.lastError ?? undefined,
    body: row.body,
  });

const toAttempt = (a: CallbackAttemptRow): CallbackAttempt =>
  defined({
    attempt: a.attempt,
    at: toIso(a.at),
    url: a.url,
    status: a.status ?? undefined,
    error: a.error ?? undefined,
    latency_ms: a.latencyMs,
    response: a.response ?? undefined,
    next_attempt_at: iso(a.nextAt),
  });

/** Newest first. */
export async function listCallbacks(ctx: PlanContext, q: ListCallbacksQuery) {
  const { total, rows } = await listCallbackRows(
    ctx.db,
    ctx.plan.id,
    { state: q.state, kind: q.kind, batchId: q.batch_id, from: q.start_date, until: q.end_date },
    q.page,
    q.page_size,
  );
  return pageEnvelope("callbacks", total, q.page, rows.map(toCallbackEntry));
}

export async function getCallback(ctx: PlanContext, id: string): Promise<CallbackDetail> {
  const found = await findCallback(ctx.db, ctx.plan.id, id);
  if (!found) throw notFound("Callback", id);
  return { ...toCallbackEntry(found.row), attempts: found.attempts.map(toAttempt) };
}

/**
 * Posts the callback now, whatever its state, signed afresh, and logs the attempt. Success makes it
 * delivered; a failure leaves its state and schedule as they were (a pending one keeps retrying).
 */
export async function redeliverCallback(ctx: PlanContext, id: string): Promise<CallbackDetail> {
  const found = await findCallback(ctx.db, ctx.plan.id, id);
  if (!found) throw notFound("Callback", id);
  const now = ctx.now();
  const { url, body } = found.row;
  const result = await postCallback(url, body, ctx.plan.webhookSecret);
  const record: AttemptRecord = {
    id,
    state: classifyCallbackStatus(result.status) === "delivered" ? "delivered" : undefined,
    nextAt: null,
    at: now,
    url,
    status: result.status ?? null,
    error: result.error ?? null,
    latencyMs: result.latencyMs,
    response: result.response ?? null,
  };
  await recordAttempts(ctx.db, ctx.plan.id, [record], [], now);
  return getCallback(ctx, id);
}
