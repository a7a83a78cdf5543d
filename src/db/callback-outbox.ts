// Statements that write callbacks into the D1 outbox inside the very batch that changes the state causing them.
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "./client";

/** A fresh outbox id, made in SQL so one INSERT … SELECT can write many rows. */
const NEW_ID = sql.raw(`lower(hex(randomblob(10)))`);

/** Epoch ms as Sinch writes times (`2024-06-06T09:22:14.304Z`, what `Date#toISOString` gives), or NULL. */
const iso = (ms: SQL) =>
  sql`(CASE WHEN ${ms} IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%S', (${ms}) / 1000, 'unixepoch') || '.' || printf('%03d', (${ms}) % 1000) || 'Z' END)`;

const COLUMNS = sql.raw(
  `(id, service_plan_id, kind, batch_id, inbound_id, recipient, url, body, state, attempts, next_at, created_at)`,
);

/**
 * Recipient reports for the events that will change a row, written before the UPDATE that applies them
 * and selected with the same "only forwards" rule, so both see the same rows. `events` is the JSON
 * subquery the UPDATE reads (aliases b, r, status, code, at, op, enc, parts); one event per recipient.
 * The body is built as toRecipientReport builds it; json_patch drops the optional fields that are NULL.
 * CROSS JOIN keeps the touched batches the outer loop: an apply whose batches want no per-recipient
 * reports (most) reads no event at all.
 */
export function recipientCallbacksStatement(
  db: Db,
  events: SQL,
  forwards: SQL,
  batchIdsJson: string,
  planCallbackUrl: string | null,
  now: number,
) {
  const encoding = sql`coalesce(e.enc, r.encoding)`;
  return db.all<{ id: string }>(sql`INSERT INTO callbacks ${COLUMNS}
    SELECT ${NEW_ID}, r.service_plan_id, 'delivery_report', r.batch_id, NULL, r.recipient,
      coalesce(bt.callback_url, ${planCallbackUrl}),
      json_patch(
        json_object('type', 'recipient_delivery_report_sms', 'batch_id', r.batch_id, 'recipient', r.recipient,
                    'code', e.code, 'status', e.status, 'at', ${iso(sql`e.at`)}),
        json_object('operator_status_at', ${iso(sql`coalesce(e.op, r.operator_status_at)`)},
                    'client_reference', bt.client_reference,
                    'encoding', CASE WHEN ${encoding} IN ('GSM', 'UNICODE') THEN ${encoding} END,
                    'number_of_message_parts', coalesce(e.parts, r.number_of_message_parts))),
      'pending', 0, ${now}, ${now}
    FROM batches bt CROSS JOIN ${events} AS e
      JOIN recipients r ON r.batch_id = e.b AND r.recipient = e.r
    WHERE bt.id IN (SELECT value FROM json_each(${batchIdsJson}))
      AND bt.delivery_report IN ('per_recipient', 'per_recipient_final')
      AND coalesce(bt.callback_url, ${planCallbackUrl}) IS NOT NULL
      AND e.b = bt.id AND ${forwards}
      AND (bt.delivery_report = 'per_recipient' OR e.status NOT IN ('Queued', 'Dispatched'))
    RETURNING id`);
}

/**
 * The one summary/full report of each batch whose last open recipient just became final: written after the
 * recipients UPDATE and before the UPDATE that sets completed_at, with the same "completes now" rule.
 * The body is built as batchReportOf builds it (statuses by code, then status).
 */
export function batchReportCallbacksStatement(
  db: Db,
  batchIdsJson: string,
  planCallbackUrl: string | null,
  now: number,
) {
  return db.all<{ id: string }>(sql`INSERT INTO callbacks ${COLUMNS}
    SELECT ${NEW_ID}, bt.service_plan_id, 'delivery_report', bt.id, NULL, NULL,
      coalesce(bt.callback_url, ${planCallbackUrl}),
      json_patch(
        json_object('type', 'delivery_report_sms', 'batch_id', bt.id,
          'total_message_count', (SELECT count(*) FROM recipients WHERE batch_id = bt.id),
          'statuses', (SELECT json_group_array(json(s.item)) FROM (
             SELECT CASE WHEN bt.delivery_report = 'full'
               THEN json_object('code', code, 'status', status, 'count', count(*), 'recipients', json_group_array(recipient))
               ELSE json_object('code', code, 'status', status, 'count', count(*)) END AS item
             FROM recipients WHERE batch_id = bt.id GROUP BY code, status ORDER BY code, status) AS s)),
        json_object('client_reference', bt.client_reference)),
      'pending', 0, ${now}, ${now}
    FROM batches bt
    WHERE bt.id IN (SELECT value FROM json_each(${batchIdsJson})) AND bt.completed_at IS NULL
      AND bt.delivery_report IN ('summary', 'full')
      AND coalesce(bt.callback_url, ${planCallbackUrl}) IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM recipients o WHERE o.batch_id = bt.id AND o.status IN ('Queued', 'Dispatched'))
    RETURNING id`);
}

/** The MO callback of an inbound, written only if the inbound row `inboundId` exists (its insert won). */
export function inboundCallbackStatement(
  db: Db,
  planId: string,
  inboundId: string,
  url: string,
  body: string,
  now: number,
) {
  return db.all<{ id: string }>(sql`INSERT INTO callbacks ${COLUMNS}
    SELECT ${NEW_ID}, ${planId}, 'inbound', NULL, id, NULL, ${url}, ${body}, 'pending', 0, ${now}, ${now}
    FROM inbounds WHERE id = ${inboundId}
    RETURNING id`);
}
