// Get and list batches.
import { findBatch, listBatches as listBatchRows } from "../../db/batches";
import type { BatchRow } from "../../db/schema";
import type { PlanContext } from "../context";
import { notFound } from "../errors";
import { normalizeOriginator } from "../msisdn";
import type { Batch, ListBatchesQuery } from "../schemas/batches";
import { pageEnvelope } from "../schemas/common";
import { parseIsoTime } from "../time";
import { toBatch } from "./to-batch";

export async function requireBatch(ctx: PlanContext, batchId: string): Promise<BatchRow> {
  const row = await findBatch(ctx.db, ctx.plan.id, batchId);
  if (!row) throw notFound("Batch", batchId);
  return row;
}

export async function getBatch(ctx: PlanContext, batchId: string): Promise<Batch> {
  return toBatch(await requireBatch(ctx, batchId));
}

/**
 * The seed's `from`/`to` are date-times; Sinch's `from` is a sender list. A `from` that parses as a
 * date filters by time, anything else by sender (CONTRACT.md).
 */
export async function listBatches(ctx: PlanContext, q: ListBatchesQuery) {
  const fromTime = q.from === undefined ? undefined : parseIsoTime(q.from);
  const senders =
    q.from === undefined || fromTime !== undefined
      ? undefined
      : q.from.split(",").map((s) => normalizeOriginator(s.trim()) ?? s.trim());
  const createdFrom = maxDefined(fromTime, q.start_date);
  const createdTo = minDefined(q.to, q.end_date);
  const { total, rows } = await listBatchRows(
    ctx.db,
    ctx.plan.id,
    { createdFrom, createdTo, senders, clientReference: q.client_reference },
    q.page,
    q.page_size,
  );
  return pageEnvelope("batches", total, q.page, rows.map(toBatch));
}

const maxDefined = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
const minDefined = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
