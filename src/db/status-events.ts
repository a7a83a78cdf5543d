// Queries: apply delivery status events to recipient rows (never backwards) and close batches whose recipients are all final.
import { sql } from "drizzle-orm";
import type { StatusEvent } from "../domain/delivery/events";
import { atomic } from "./batch";
import { batchReportCallbacksStatement, recipientCallbacksStatement } from "./callback-outbox";
import type { Db } from "./client";
import type { RecipientRow } from "./schema";

export interface TouchedBatch {
  id: string;
  servicePlanId: string;
  deliveryReport: string;
  callbackUrl: string | null;
  clientReference: string | null;
  /** True when this very call saw the batch's last recipient become final. */
  completedNow: boolean;
}

/** Queued < Dispatched < any final status: a status only moves right. Cancel stops only what has not left. */
const rank = (column: string) =>
  sql.raw(`(CASE ${column} WHEN 'Queued' THEN 0 WHEN 'Dispatched' THEN 1 ELSE 2 END)`);

const RANK: Record<string, number> = { Queued: 0, Dispatched: 1 };

/** One event per recipient, the furthest along (the first of equals): an UPDATE … FROM would pick any one. */
export function furthestPerRecipient(events: StatusEvent[]): StatusEvent[] {
  const kept = new Map<string, StatusEvent>();
  for (const e of events) {
    const key = `${e.batchId}\u0000${e.recipient}`;
    const seen = kept.get(key);
    if (!seen || (RANK[e.status] ?? 2) > (RANK[seen.status] ?? 2)) kept.set(key, e);
  }
  return [...kept.values()];
}

/**
 * Applies events in one atomic D1 batch and returns only the rows that really changed, so a repeated
 * or late event (a duplicate webhook, a Dispatched after Delivered) changes nothing and calls nobody.
 * The callbacks those changes cause are written to the outbox in the same batch (`callbacks`: how many),
 * so a crash cannot keep a state change and lose its callback.
 */
export async function applyStatusEvents(
  db: Db,
  events: StatusEvent[],
  now: number,
  /** Batches to close if nothing of them is open, even without events (e.g. one that had no recipients). */
  alsoCheck: string[] = [],
  planCallbackUrl: string | null = null,
): Promise<{ changed: RecipientRow[]; batches: TouchedBatch[]; callbacks: number }> {
  if (events.length === 0 && alsoCheck.length === 0) return { changed: [], batches: [], callbacks: 0 };
  const payload = JSON.stringify(
    furthestPerRecipient(events).map((e) => [
      e.batchId,
      e.recipient,
      e.status,
      e.code,
      e.at,
      e.operatorStatusAt ?? null,
      e.encoding ?? null,
      e.parts ?? null,
      e.partsSent ?? null,
    ]),
  );
  const batchIds = JSON.stringify([...new Set([...events.map((e) => e.batchId), ...alsoCheck])]);
  const eventRows = sql`(SELECT json_extract(value, '$[0]') AS b, json_extract(value, '$[1]') AS r, json_extract(value, '$[2]') AS status,
                   json_extract(value, '$[3]') AS code, json_extract(value, '$[4]') AS at, json_extract(value, '$[5]') AS op,
                   json_extract(value, '$[6]') AS enc, json_extract(value, '$[7]') AS parts,
                   json_extract(value, '$[8]') AS sent
            FROM json_each(${payload}))`;
  const forwards = (row: string) =>
    sql`${rank(`${row}.status`)} < ${rank("e.status")} AND NOT (e.status = 'Cancelled' AND ${sql.raw(row)}.status != 'Queued')`;
  const [recipientCallbacks, changed, reportCallbacks, completed, batches] = await atomic(db, [
    recipientCallbacksStatement(db, eventRows, forwards("r"), batchIds, planCallbackUrl, now),
    db.all<Record<string, unknown>>(sql`UPDATE recipients SET
        status = e.status, code = e.code, at = e.at,
        operator_status_at = coalesce(e.op, recipients.operator_status_at),
        encoding = coalesce(e.enc, recipients.encoding),
        number_of_message_parts = coalesce(e.parts, recipients.number_of_message_parts),
        parts_sent = coalesce(e.sent, recipients.parts_sent)
      FROM ${eventRows} AS e
      WHERE recipients.batch_id = e.b AND recipients.recipient = e.r AND ${forwards("recipients")}
      RETURNING batch_id, recipient, service_plan_id, status, code, at, operator_status_at, encoding, number_of_message_parts, parts_sent, feedback_at`),
    batchReportCallbacksStatement(db, batchIds, planCallbackUrl, now),
    db.all<{ id: string }>(sql`UPDATE batches SET completed_at = ${now}
      WHERE id IN (SELECT value FROM json_each(${batchIds})) AND completed_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM recipients r WHERE r.batch_id = batches.id AND r.status IN ('Queued', 'Dispatched'))
      RETURNING id`),
    db.all<
      Record<string, unknown>
    >(sql`SELECT id, service_plan_id, delivery_report, callback_url, client_reference
      FROM batches WHERE id IN (SELECT value FROM json_each(${batchIds}))`),
  ]);
  const completedIds = new Set(completed.map((c) => c.id));
  return {
    changed: changed.map((r) => ({
      batchId: r.batch_id as string,
      recipient: r.recipient as string,
      servicePlanId: r.service_plan_id as string,
      status: r.status as string,
      code: r.code as number,
      at: r.at as number,
      operatorStatusAt: r.operator_status_at as number | null,
      encoding: r.encoding as string | null,
      numberOfMessageParts: r.number_of_message_parts as number | null,
      partsSent: r.parts_sent as number | null,
      feedbackAt: r.feedback_at as number | null,
    })),
    batches: batches.map((b) => ({
      id: b.id as string,
      servicePlanId: b.service_plan_id as string,
      deliveryReport: b.delivery_report as string,
      callbackUrl: b.callback_url as string | null,
      clientReference: b.client_reference as string | null,
      completedNow: completedIds.has(b.id as string),
    })),
    callbacks: recipientCallbacks.length + reportCallbacks.length,
  };
}

/** Events that end every still-open recipient of a batch (expiry): built in SQL, applied by applyStatusEvents. */
export async function openRecipients(db: Db, batchId: string): Promise<string[]> {
  const rows = await db.all<{ recipient: string }>(
    sql`SELECT recipient FROM recipients WHERE batch_id = ${batchId} AND status IN ('Queued', 'Dispatched')`,
  );
  return rows.map((r) => r.recipient);
}
