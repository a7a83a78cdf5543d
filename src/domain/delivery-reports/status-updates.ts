// Records delivery status events and decides which callbacks they cause (per Sinch's four delivery_report kinds).
import type { Db } from "../../db/client";
import { recipientTotals, statusCounts } from "../../db/reports";
import { applyStatusEvents } from "../../db/status-events";
import type { StatusEvent } from "../../upstream/upstream";
import { DELIVERY_STATUSES } from "../schemas/delivery-reports";
import { batchReportOf, toRecipientReport } from "./reports";

export interface CallbackJob {
  url: string;
  body: string;
}

const FINAL = new Set<string>(DELIVERY_STATUSES.filter((s) => s !== "Queued" && s !== "Dispatched"));
export const isFinal = (status: string) => FINAL.has(status);

/**
 * per_recipient: one callback per status change; per_recipient_final: one per recipient at its final
 * status; summary/full: one batch report when the last recipient becomes final. The URL is the
 * batch's callback_url, else the plan's; without either nothing is called.
 */
export async function recordStatusEvents(
  db: Db,
  planCallbackUrl: string | null,
  events: StatusEvent[],
  now: number,
  alsoCheck: string[] = [],
): Promise<{ callbacks: CallbackJob[]; completedBatchIds: string[] }> {
  const { changed, batches } = await applyStatusEvents(db, events, now, alsoCheck);
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
  const completed = batches.filter((b) => b.completedNow);
  const reporting = completed.filter(
    (b) =>
      (b.deliveryReport === "summary" || b.deliveryReport === "full") && (b.callbackUrl ?? planCallbackUrl),
  );
  if (reporting.length > 0) {
    const ids = reporting.map((b) => b.id);
    const full = reporting.some((b) => b.deliveryReport === "full");
    const [counts, totals] = await Promise.all([statusCounts(db, ids, {}, full), recipientTotals(db, ids)]);
    for (const b of reporting) {
      const isFull = b.deliveryReport === "full";
      const rows = counts.filter((c) => c.batchId === b.id);
      callbacks.push({
        url: (b.callbackUrl ?? planCallbackUrl) as string,
        body: JSON.stringify(batchReportOf(b.id, b.clientReference, totals.get(b.id) ?? 0, rows, isFull)),
      });
    }
  }
  return { callbacks, completedBatchIds: completed.map((b) => b.id) };
}
