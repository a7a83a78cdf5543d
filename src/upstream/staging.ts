// A staging plan's upstream: allowlisted numbers go to the real one (Sinch), every other recipient to the
// simulator; each step's messages are split by number and the two outcomes merged, so the engine sees one upstream.
import type { SubmitOutcome } from "../domain/delivery/events";
import type { OutboundMessage, Upstream } from "./upstream";

const NOTHING: SubmitOutcome & { known: Set<string> } = { events: [], later: [], known: new Set() };

export function stagingUpstream(realNumbers: Set<string>, real: Upstream, simulated: Upstream): Upstream {
  const split = (messages: OutboundMessage[]) => ({
    toReal: messages.filter((m) => realNumbers.has(m.recipient)),
    toSimulator: messages.filter((m) => !realNumbers.has(m.recipient)),
  });
  const merge = (a: SubmitOutcome, b: SubmitOutcome): SubmitOutcome => ({
    events: [...a.events, ...b.events],
    later: [...a.later, ...b.later],
  });

  return {
    // The real upstream first: when it is unavailable the step fails before the simulator records anything.
    // Both sides are idempotent per message, so the retried step repeats nothing either way.
    async submit(messages, now) {
      const { toReal, toSimulator } = split(messages);
      const a = toReal.length > 0 ? await real.submit(toReal, now) : NOTHING;
      const b = toSimulator.length > 0 ? await simulated.submit(toSimulator, now) : NOTHING;
      return merge(a, b);
    },

    async reconcile(messages, now) {
      const { toReal, toSimulator } = split(messages);
      const a = toReal.length > 0 ? await real.reconcile(toReal, now) : NOTHING;
      const b = toSimulator.length > 0 ? await simulated.reconcile(toSimulator, now) : NOTHING;
      return { ...merge(a, b), known: new Set([...a.known, ...b.known]) };
    },

    // Simulated messages cannot be called back; only what went to the real network can.
    async cancel(batchId) {
      await real.cancel?.(batchId);
    },
  };
}
