// Delivery reports: batch (summary/full), recipient, and the plan-wide list in CONTRACT.md's three types.
import {
  findRecipient,
  listRecipientReports,
  listReportBatches,
  recipientTotals,
  type StatusRow,
  statusCounts,
} from "../../db/reports";
import type { RecipientRow } from "../../db/schema";
import { requireBatch } from "../batches/read";
import type { PlanContext } from "../context";
import { ApiError, notFound } from "../errors";
import { normalizeMsisdn } from "../msisdn";
import { pageEnvelope } from "../schemas/common";
import type {
  BatchDeliveryReport,
  BatchReportQuery,
  DeliveryStatus,
  ListDeliveryReportsQuery,
  RecipientDeliveryReport,
  StatusCount,
} from "../schemas/delivery-reports";
import { toIso } from "../time";

function toStatuses(rows: StatusRow[], full: boolean): StatusCount[] {
  return rows.map((r) => {
    const s: StatusCount = { code: r.code, status: r.status as DeliveryStatus, count: r.count };
    if (full) s.recipients = r.recipients === null ? [] : (JSON.parse(r.recipients) as string[]);
    return s;
  });
}

/** A batch report from aggregated rows: the GET body and the summary/full callback payload. */
export function batchReportOf(
  batchId: string,
  clientReference: string | null,
  total: number,
  rows: StatusRow[],
  full: boolean,
): BatchDeliveryReport {
  return batchReport(batchId, clientReference, total, toStatuses(rows, full));
}

function batchReport(
  batchId: string,
  clientReference: string | null,
  total: number,
  statuses: StatusCount[],
): BatchDeliveryReport {
  const report: BatchDeliveryReport = {
    type: "delivery_report_sms",
    batch_id: batchId,
    total_message_count: total,
    statuses,
  };
  if (clientReference !== null) report.client_reference = clientReference;
  return report;
}

export function toRecipientReport(
  row: RecipientRow,
  clientReference: string | null,
): RecipientDeliveryReport {
  const report: RecipientDeliveryReport = {
    type: "recipient_delivery_report_sms",
    batch_id: row.batchId,
    recipient: row.recipient,
    code: row.code,
    status: row.status as DeliveryStatus,
    at: toIso(row.at),
  };
  if (row.operatorStatusAt !== null) report.operator_status_at = toIso(row.operatorStatusAt);
  if (clientReference !== null) report.client_reference = clientReference;
  if (row.encoding === "GSM" || row.encoding === "UNICODE") report.encoding = row.encoding;
  if (row.numberOfMessageParts !== null) report.number_of_message_parts = row.numberOfMessageParts;
  return report;
}

export async function getBatchReport(
  ctx: PlanContext,
  batchId: string,
  q: BatchReportQuery,
): Promise<BatchDeliveryReport> {
  const batch = await requireBatch(ctx, batchId);
  const full = q.type === "full";
  const filters = { statuses: q.status, codes: q.code };
  const [rows, totals] = await Promise.all([
    statusCounts(ctx.db, [batch.id], filters, full),
    recipientTotals(ctx.db, [batch.id]),
  ]);
  return batchReport(batch.id, batch.clientReference, totals.get(batch.id) ?? 0, toStatuses(rows, full));
}

export async function getRecipientReport(
  ctx: PlanContext,
  batchId: string,
  recipient: string,
): Promise<RecipientDeliveryReport> {
  const msisdn = normalizeMsisdn(recipient);
  if (msisdn === undefined)
    throw new ApiError(
      "syntax_invalid_parameter_format",
      `recipient_msisdn: '${recipient}' is not a valid phone number`,
    );
  const found = await findRecipient(ctx.db, ctx.plan.id, batchId, msisdn);
  if (!found) {
    await requireBatch(ctx, batchId);
    throw notFound("Recipient", `${msisdn} of batch ${batchId}`);
  }
  return toRecipientReport(found.row, found.clientReference);
}

export async function listDeliveryReports(ctx: PlanContext, q: ListDeliveryReportsQuery) {
  const filters = {
    statuses: q.status,
    codes: q.code,
    clientReference: q.client_reference,
    from: q.start_date,
    to: q.end_date,
  };
  if (q.type === "recipient") {
    const { total, rows } = await listRecipientReports(ctx.db, ctx.plan.id, filters, q.page, q.page_size);
    return pageEnvelope(
      "delivery_reports",
      total,
      q.page,
      rows.map((r) => toRecipientReport(r.row, r.clientReference)),
    );
  }
  const full = q.type === "full";
  const { total, rows } = await listReportBatches(ctx.db, ctx.plan.id, filters, q.page, q.page_size);
  const ids = rows.map((r) => r.id);
  const [counts, totals] = await Promise.all([
    statusCounts(ctx.db, ids, filters, full),
    recipientTotals(ctx.db, ids),
  ]);
  const byBatch = new Map<string, StatusRow[]>();
  for (const c of counts) {
    const list = byBatch.get(c.batchId);
    if (list) list.push(c);
    else byBatch.set(c.batchId, [c]);
  }
  const reports = rows.map((b) =>
    batchReport(b.id, b.clientReference, totals.get(b.id) ?? 0, toStatuses(byBatch.get(b.id) ?? [], full)),
  );
  return pageEnvelope("delivery_reports", total, q.page, reports);
}
