// Which callbacks a set of status changes causes, per Sinch's four delivery_report kinds.
import type { Db } from "../../db/client";
import { recipientTotals, statusCounts } from "../../db/reports";
import type { RecipientRow } from "../../db/schema";
import type { TouchedBatch } from "../../db/status-events";
import { batchReportOf, toRecipientReport } from "../delivery-reports/reports";
import { DELIVERY_STATUSES } from "../schemas/delivery-reports";
import type { CallbackJob } from "./deps";

const FINAL = new Set<string>(DELIVERY_STATUSES.filter((s) => s !== "Queued" && s !== "Dispatched"));
export const isFinal = (status: string) => FINAL.has(status);

/**
 * per_recipient: one callback per status change; per_recipient_final: one per recipient at its final
 * status; summary/full: one batch report when the last recipient becomes final. The URL is the
 * batch's callback_url, else the plan's; without either nothing is called.
 */
export async function callbacksFor(
  db: Db,
  planCallbackUrl: string | null,
  changed: RecipientRow[],
  batches: TouchedBatch[],
): Promise<CallbackJob[]> {
  const byId = new Map(batches.map((b) => [b.id, b]));
  const callbacks: CallbackJob[] = [];
  for (const row of changed) {
    const batch = byId.get(row.batchId);
    const url = batch?.callbackUrl ?? planCallbackUrl;
    if (!batch || !url) continue;
    if (
      batch.deliveryReport === "per_recipient" ||
      (batch.deliveryReport === "per_recipient_final" && isFinal(row.status))
    )
      callbacks.push({ url, body: JSON.stringify(toRecipientReport(row, batch.clientReference)) });
  }
  const reporting = batches.filter(
    (b) =>
      b.completedNow &&
      (b.deliveryReport === "summary" || b.deliveryReport === "full") &&
      (b.callbackUrl ?? planCallbackUrl),
  );
  if (reporting.length === 0) return callbacks;
  const ids = reporting.map((b) => b.id);
  const full = reporting.some((b) => b.deliveryReport === "full");
  const [counts, totals] = await Promise.all([statusCounts(db, ids, {}, full), recipientTotals(db, ids)]);
  for (const b of reporting) {
    const rows = counts.filter((c) => c.batchId === b.id);
    callbacks.push({
      url: (b.callbackUrl ?? planCallbackUrl) as string,
      body: JSON.stringify(
        batchReportOf(b.id, b.clientReference, totals.get(b.id) ?? 0, rows, b.deliveryReport === "full"),
      ),
    });
  }
  return callbacks;
}
