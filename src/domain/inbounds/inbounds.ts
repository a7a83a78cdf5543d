// Inbound messages: list and get, and the one repository function every inbound source stores through.
import { findInbound, insertInbound, listInbounds as listInboundRows } from "../../db/inbounds";
import type { InboundRow, NewInboundRow } from "../../db/schema";
import type { PlanContext } from "../context";
import { notFound } from "../errors";
import { pageEnvelope } from "../schemas/common";
import type { InboundMessage, ListInboundsQuery } from "../schemas/inbounds";
import { toIso } from "../time";

export function toInbound(row: InboundRow): InboundMessage {
  const msg: InboundMessage = {
    id: row.id,
    type: row.type,
    from: row.from,
    to: row.to,
    body: row.body,
    received_at: toIso(row.receivedAt),
  };
  if (row.udh !== null) msg.udh = row.udh;
  if (row.sentAt !== null) msg.sent_at = toIso(row.sentAt);
  if (row.operatorId !== null) msg.operator_id = row.operatorId;
  if (row.clientReference !== null) msg.client_reference = row.clientReference;
  return msg;
}

export async function getInbound(ctx: PlanContext, inboundId: string): Promise<InboundMessage> {
  const row = await findInbound(ctx.db, ctx.plan.id, inboundId);
  if (!row) throw notFound("Inbound message", inboundId);
  return toInbound(row);
}

/** Reverse chronological, as Sinch lists them. */
export async function listInbounds(ctx: PlanContext, q: ListInboundsQuery) {
  const { total, rows } = await listInboundRows(
    ctx.db,
    ctx.plan.id,
    { to: q.to, from: q.start_date, until: q.end_date, clientReference: q.client_reference },
    q.page,
    q.page_size,
  );
  return pageEnvelope("inbounds", total, q.page, rows.map(toInbound));
}

/** Stores an inbound message; the inbound pipeline (webhooks, simulated handsets) calls this. */
export async function storeInbound(ctx: PlanContext, row: NewInboundRow): Promise<InboundMessage> {
  await insertInbound(ctx.db, row);
  return toInbound({
    udh: null,
    sentAt: null,
    operatorId: null,
    clientReference: null,
    externalId: null,
    processedAt: null,
    claimedAt: null,
    ...row,
  });
}
