// Live events from the engine's changes: recipient.status per changed row, batch.progress per touched batch (counted
// in D1 only while a socket listens), batch.created per batch entering the line. Best effort: D1 stays the truth.
import type { Db } from "../../db/client";
import { type StatusRow, statusCounts } from "../../db/reports";
import type { RecipientRow } from "../../db/schema";
import type { TouchedBatch } from "../../db/status-events";
import type { BatchCounts, LiveEventInput } from "../schemas/live-events";
import { toIso } from "../time";
import type { LiveSink } from "./deps";

/** Never lets a failed publish fail the delivery work that caused it: the change is already durable in D1. */
async function bestEffort(work: () => Promise<void> | void): Promise<void> {
  try {
    await work();
  } catch (error) {
    console.warn(JSON.stringify({ event: "live_publish_failed", error: String(error) }));
  }
}

/** Queued, Dispatched and Delivered as themselves; every other (final) status counts as failed. */
export function countsOf(rows: StatusRow[]): BatchCounts {
  const counts: BatchCounts = { queued: 0, dispatched: 0, delivered: 0, failed: 0 };
  for (const r of rows) {
    if (r.status === "Queued") counts.queued += r.count;
    else if (r.status === "Dispatched") counts.dispatched += r.count;
    else if (r.status === "Delivered") counts.delivered += r.count;
    else counts.failed += r.count;
  }
  return counts;
}

/** One grouped query for every touched batch: its progress after this step. */
async function progressEvents(db: Db, batchIds: string[]): Promise<LiveEventInput[]> {
  const rows = await statusCounts(db, batchIds, {}, false);
  return batchIds.map((id): LiveEventInput => {
    const counts = countsOf(rows.filter((r) => r.batchId === id));
    const completed = counts.queued === 0 && counts.dispatched === 0;
    return { type: "batch.progress", data: { batch_id: id, counts, ...(completed && { completed }) } };
  });
}

/**
 * The rows that really changed become recipient.status at once (a local insert, no D1); progress costs a
 * grouped D1 query, so it is computed only while someone listens. Batches closed without a change in
 * this step (nothing left to send) get their final progress too.
 */
export async function publishChanges(
  deps: { db: Db; live: LiveSink },
  changed: RecipientRow[],
  batches: TouchedBatch[],
): Promise<void> {
  const touched = new Set(changed.map((r) => r.batchId));
  for (const b of batches) if (b.completedNow) touched.add(b.id);
  if (touched.size === 0) return;
  await bestEffort(() =>
    deps.live.publish(
      changed.map((r) => ({
        type: "recipient.status",
        data: {
          batch_id: r.batchId,
          recipient: r.recipient,
          status: r.status,
          code: r.code,
          at: toIso(r.at),
        },
      })),
    ),
  );
  if (!deps.live.listening()) return;
  await bestEffort(async () => deps.live.publish(await progressEvents(deps.db, [...touched])));
}

export const batchCreatedEvents = (batchIds: string[]): LiveEventInput[] =>
  batchIds.map((batch_id) => ({ type: "batch.created", data: { batch_id } }));

/** What a callback body reports, from its Sinch `type`: a recipient's report, a batch's, or an inbound. */
function callbackKind(body: string): string {
  let type: unknown;
  try {
    type = (JSON.parse(body) as { type?: unknown }).type;
  } catch {
    return "unknown";
  }
  if (typeof type !== "string") return "unknown";
  if (type.startsWith("mo_")) return "inbound";
  if (type.startsWith("recipient_delivery_report")) return "recipient_report";
  if (type.startsWith("delivery_report")) return "batch_report";
  return type;
}

/** One posted callback: `gaveUp` when this attempt was the last (dropped, or out of retries). */
export function callbackAttemptEvent(
  row: { id: string | number; url: string; body: string; attempts: number },
  result: { outcome: string; status?: number; latencyMs?: number },
  gaveUp: boolean,
): LiveEventInput {
  return {
    type: "callback.attempt",
    data: {
      id: row.id,
      kind: callbackKind(row.body),
      url: row.url,
      attempt: row.attempts + 1,
      status: result.status ?? null,
      outcome: result.outcome === "delivered" ? "delivered" : gaveUp ? "gave_up" : "retry",
      latency_ms: result.latencyMs ?? 0,
    },
  };
}
