// The default upstream: a simulated operator network that records what each handset receives and reports back later.
import type { Db } from "../db/client";
import type { SimulatorMessageRow } from "../db/schema";
import { findSimulatorMessages, recordSimulatorMessages } from "../db/simulator";
import type { LaterEvent, StatusEvent, SubmitOutcome } from "../domain/delivery/events";
import { simulatedOutcome } from "./simulator-outcomes";
import type { OutboundMessage, Upstream } from "./upstream";

/** Receipts are stamped like an SMSC's, to the whole second. */
const operatorTime = (ms: number) => Math.floor(ms / 1000) * 1000;

function outcomeOf(m: { batchId: string; recipient: string }, receivedAt: number, delayMs: number) {
  const outcome = simulatedOutcome(m.recipient);
  const event: StatusEvent = {
    batchId: m.batchId,
    recipient: m.recipient,
    ...outcome.submitted,
    at: receivedAt,
  };
  const dueAt = receivedAt + delayMs;
  const later: LaterEvent | undefined = outcome.final && {
    batchId: m.batchId,
    recipient: m.recipient,
    ...outcome.final,
    at: dueAt,
    operatorStatusAt: operatorTime(dueAt),
    dueAt,
  };
  return { event, later };
}

function collect(items: { event: StatusEvent; later?: LaterEvent }[]): SubmitOutcome {
  return { events: items.map((i) => i.event), later: items.flatMap((i) => (i.later ? [i.later] : [])) };
}

export function simulatorUpstream(db: Db, delayMs: number): Upstream {
  return {
    async submit(messages: OutboundMessage[], now: number): Promise<SubmitOutcome> {
      const items = messages.map((m) => ({ message: m, ...outcomeOf(m, now, delayMs) }));
      await recordSimulatorMessages(
        db,
        items.map(({ message: m, event }) => ({
          batchId: m.batchId,
          recipient: m.recipient,
          servicePlanId: m.servicePlanId,
          from: m.from,
          body: m.body,
          udh: m.udh ?? null,
          encoding: m.encoding,
          parts: m.parts,
          flash: m.flash,
          status: event.status,
          code: event.code,
          receivedAt: now,
        })),
      );
      return collect(items);
    },

    async reconcile(messages: OutboundMessage[]) {
      const rows: SimulatorMessageRow[] = await findSimulatorMessages(db, messages);
      const items = rows.map((r) => outcomeOf(r, r.receivedAt, delayMs));
      return { ...collect(items), known: new Set(rows.map((r) => `${r.batchId}:${r.recipient}`)) };
    },
  };
}
