// What the queue hands to an upstream for one recipient, and the report facts it keeps beside it in the in-flight log.
import type { BatchRow, ServicePlanRow } from "../../db/schema";
import type { OutboundMessage } from "../../upstream/upstream";
import { type ReportEncoding, reportEncoding } from "../text/encoding-names";
import type { StatusEvent } from "./events";

export function outbound(
  row: BatchRow,
  recipient: string,
  m: { body: string; parts: number; encoding: OutboundMessage["encoding"] },
  submission: string,
): OutboundMessage {
  return {
    key: `${row.id}:${recipient}`,
    batchId: row.id,
    servicePlanId: row.servicePlanId,
    recipient,
    from: row.from,
    type: row.type,
    body: m.body,
    udh: row.udh,
    encoding: m.encoding,
    parts: m.parts,
    flash: row.flashMessage,
    clientReference: row.clientReference,
    submission,
  };
}

/** What the recipient report will say of the message beyond its status. */
export interface Facts {
  encoding: ReportEncoding | null;
  parts: number | null;
  /** What was really sent, reported or not: the plan's statistics count it. */
  partsSent: number;
}

export interface Inflight {
  message: OutboundMessage;
  facts: Facts;
}

/**
 * Sinch's rules: recipient reports carry `encoding` only with auto encoding on, and
 * `number_of_message_parts` only when the batch set max_number_of_message_parts.
 */
export function factsOf(m: OutboundMessage, plan: ServicePlanRow, row: BatchRow): Facts {
  return {
    encoding: plan.autoEncoding ? reportEncoding(m.encoding) : null,
    parts: row.maxNumberOfMessageParts === null ? null : m.parts,
    partsSent: m.parts,
  };
}

export function withFacts(event: StatusEvent, facts: Map<string, Facts>): StatusEvent {
  const f = event.status === "Dispatched" ? facts.get(`${event.batchId}:${event.recipient}`) : undefined;
  return f ? { ...event, encoding: f.encoding, parts: f.parts, partsSent: f.partsSent } : event;
}
