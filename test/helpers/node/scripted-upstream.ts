// An upstream for unit tests: answers as the simulator's rules say, remembers what it accepted (so reconcile can
// tell), counts every submission, and can refuse the next few submissions as an unavailable network would.
import type { LaterEvent, StatusEvent } from "../../../src/domain/delivery/events";
import { simulatedOutcome } from "../../../src/upstream/simulator-outcomes";
import { type OutboundMessage, type Upstream, UpstreamUnavailable } from "../../../src/upstream/upstream";

export interface ScriptedUpstream extends Upstream {
  /** Every submit call's message keys, in order. */
  submissions: string[][];
  /** How often each key was submitted. */
  timesSubmitted(key: string): number;
  cancelled: string[];
  /** The next `n` submissions throw UpstreamUnavailable. */
  refuseNext(n: number): void;
}

export function scriptedUpstream(receiptDelayMs = 1_000): ScriptedUpstream {
  const accepted = new Map<string, { message: OutboundMessage; at: number }>();
  const counts = new Map<string, number>();
  const submissions: string[][] = [];
  const cancelled: string[] = [];
  let refusals = 0;
  const outcomeOf = (m: OutboundMessage, at: number) => {
    const o = simulatedOutcome(m.recipient);
    const event: StatusEvent = { batchId: m.batchId, recipient: m.recipient, ...o.submitted, at };
    const later: LaterEvent[] = o.final
      ? [
          {
            batchId: m.batchId,
            recipient: m.recipient,
            ...o.final,
            at: at + receiptDelayMs,
            dueAt: at + receiptDelayMs,
          },
        ]
      : [];
    return { event, later };
  };
  return {
    submissions,
    cancelled,
    timesSubmitted: (key) => counts.get(key) ?? 0,
    refuseNext: (n) => {
      refusals = n;
    },
    async submit(messages, now) {
      if (refusals > 0) {
        refusals--;
        throw new UpstreamUnavailable("scripted refusal");
      }
      submissions.push(messages.map((m) => m.key));
      for (const m of messages) {
        counts.set(m.key, (counts.get(m.key) ?? 0) + 1);
        if (!accepted.has(m.key)) accepted.set(m.key, { message: m, at: now });
      }
      const outcomes = messages.map((m) => outcomeOf(m, accepted.get(m.key)?.at ?? now));
      return { events: outcomes.map((o) => o.event), later: outcomes.flatMap((o) => o.later) };
    },
    async reconcile(messages) {
      const known = messages.filter((m) => accepted.has(m.key));
      const outcomes = known.map((m) => outcomeOf(m, accepted.get(m.key)?.at ?? 0));
      return {
        events: outcomes.map((o) => o.event),
        later: outcomes.flatMap((o) => o.later),
        known: new Set(known.map((m) => m.key)),
      };
    },
    async cancel(batchId) {
      cancelled.push(batchId);
    },
  };
}
