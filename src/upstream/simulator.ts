// The default upstream: a simulated operator network that records what each handset receives and reports back later.
import type { Db } from "../db/client";
import type { SimulatorMessageRow } from "../db/schema";
import { findSimulatorMessages, recordSimulatorMessages } from "../db/simulator";
import type { LaterEvent, StatusEvent, SubmitOutcome } from "../domain/delivery/events";
import type { LaterReply } from "../domain/delivery/later-reply";
import {
  type CompiledRule,
  loadRuleBook,
  type RuleBook,
  refuseIfScripted,
  ruleDelay,
  ruleFor,
  ruleOutcome,
} from "./simulator-rules";
import type { OutboundMessage, Upstream } from "./upstream";

/** Receipts are stamped like an SMSC's, to the whole second. */
const operatorTime = (ms: number) => Math.floor(ms / 1000) * 1000;

/** A scripted extra receipt (a duplicate, or a stale Dispatched) arrives this long after the final one. */
const EXTRA_RECEIPT_AFTER_MS = 1_000;

type Simulated = { event: StatusEvent; later: LaterEvent[]; reply?: LaterReply };

function outcomeOf(
  m: { batchId: string; recipient: string; from: string },
  receivedAt: number,
  delayMs: number,
  book: RuleBook,
  compiled: CompiledRule | undefined = ruleFor(book, m.recipient),
): Simulated {
  const rule = compiled?.rule;
  const outcome = ruleOutcome(rule, m.recipient);
  const key = { batchId: m.batchId, recipient: m.recipient };
  const event: StatusEvent = { ...key, ...outcome.submitted, at: receivedAt };
  const dueAt = receivedAt + ruleDelay(book, compiled, m.recipient, delayMs);
  const later: LaterEvent[] = [];
  if (outcome.final) {
    const final = { ...key, ...outcome.final, at: dueAt, operatorStatusAt: operatorTime(dueAt), dueAt };
    later.push(final);
    const extraAt = dueAt + EXTRA_RECEIPT_AFTER_MS;
    if (rule?.receipts === "duplicate") later.push({ ...final, dueAt: extraAt });
    if (rule?.receipts === "out_of_order")
      later.push({ ...event, operatorStatusAt: operatorTime(receivedAt), dueAt: extraAt });
  }
  // The handset answers once it has the message: never for one that did not leave the network.
  const reply: LaterReply | undefined =
    rule?.reply && outcome.submitted.status !== "Aborted"
      ? {
          key: `${m.batchId}:${m.recipient}`,
          from: m.recipient,
          to: m.from,
          body: rule.reply.body,
          dueAt: dueAt + (rule.reply.delay_ms ?? 0),
        }
      : undefined;
  return { event, later, reply };
}

function collect(items: Simulated[]): SubmitOutcome {
  const replies = items.flatMap((i) => (i.reply ? [i.reply] : []));
  return {
    events: items.map((i) => i.event),
    later: items.flatMap((i) => i.later),
    ...(replies.length > 0 && { replies }),
  };
}

export function simulatorUpstream(db: Db, delayMs: number): Upstream {
  let book: Promise<RuleBook> | undefined;
  const rulesOf = (planId: string) => {
    book ??= loadRuleBook(db, planId);
    return book;
  };
  return {
    async submit(messages: OutboundMessage[], now: number): Promise<SubmitOutcome> {
      const planId = messages[0]?.servicePlanId;
      if (planId === undefined) return { events: [], later: [] };
      const rules = await rulesOf(planId);
      const matched = messages.map((m) => ruleFor(rules, m.recipient));
      await refuseIfScripted(db, planId, matched);
      const items = messages.map((m, i) => ({
        message: m,
        ...outcomeOf(m, now, delayMs, rules, matched[i]),
      }));
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
      const planId = messages[0]?.servicePlanId;
      const rules = planId === undefined ? { rules: [], seed: 0 } : await rulesOf(planId);
      const items = rows.map((r) => outcomeOf(r, r.receivedAt, delayMs, rules));
      return { ...collect(items), known: new Set(rows.map((r) => `${r.batchId}:${r.recipient}`)) };
    },
  };
}
