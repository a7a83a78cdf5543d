// One dispatch step: up to a chunk of recipients from the front of the line, across as many small batches as it
// takes, rendered, logged in flight, submitted upstream and recorded.
import type { OutboundMessage } from "../../upstream/upstream";
import { renderFor } from "../batches/render";
import { newId } from "../ids";
import { activate } from "./activate";
import { CODES } from "./codes";
import type { DeliveryDeps } from "./deps";
import type { StatusEvent } from "./events";
import { CHUNK, JOBS_PER_STEP } from "./limits";
import { type Facts, factsOf, type Inflight, outbound, withFacts } from "./outbound";
import { available, type Bucket, capacity, fullBucket, refill, spend } from "./pacing";
import { recordEvents } from "./record";

/** The plan's token bucket as of `now` (always full when the plan has no rate limit). */
export function currentBucket(deps: Pick<DeliveryDeps, "store">, rate: number, now: number): Bucket {
  const stored = deps.store.bucket();
  if (stored === undefined || rate === 0) return fullBucket(rate, now);
  return refill({ tokens: Math.min(stored.tokens, capacity(rate)), at: stored.at }, rate, now);
}

/** Returns false when nothing can move now (nothing due, or no tokens). */
export async function dispatchStep(deps: DeliveryDeps): Promise<boolean> {
  const { store, plan } = deps;
  const now = deps.now();
  const due = store.dueJobs(now, JOBS_PER_STEP);
  if (due.length === 0) return false;
  const bucket = currentBucket(deps, plan.rateLimit, now);
  const n = Math.min(available(bucket), CHUNK);
  if (n <= 0) return false;
  const started = Date.now();
  const { batches, picked } = await activate(deps, due, n);
  if (batches.size === 0) return true;
  // Fewer than asked for: after this step none of these batches has anything left to send.
  const exhausted = picked.length < n ? [...batches.keys()] : [];
  if (exhausted.length > 0) deps.memory.drainedAt = now;
  const failures: StatusEvent[] = [];
  const inflight: Inflight[] = [];
  const submission = newId();
  for (const { batchId, recipient, optedOut } of picked) {
    if (optedOut && plan.optOutEnabled) {
      failures.push({ batchId, recipient, ...CODES.optedOut, at: now });
      continue;
    }
    const batch = batches.get(batchId);
    if (!batch) continue;
    const m = renderFor(batch.draft, recipient, plan.autoEncoding);
    if (!m.ok) {
      failures.push({ batchId, recipient, ...m.failure, at: now });
      continue;
    }
    const message = outbound(batch.row, recipient, m, submission);
    inflight.push({ message, facts: factsOf(message, plan, batch.row) });
  }
  const messages: OutboundMessage[] = inflight.map((i) => i.message);
  store.logInflight(inflight);
  const outcome = messages.length > 0 ? await deps.upstream.submit(messages, now) : { events: [], later: [] };
  deps.checkpoint("after-submit");
  const facts = new Map<string, Facts>(inflight.map((i) => [i.message.key, i.facts]));
  await recordEvents(deps, [...failures, ...outcome.events.map((e) => withFacts(e, facts))], exhausted);
  deps.checkpoint("after-record");
  // Synchronous from here: the object's storage commits these together.
  store.addLater(outcome.later);
  store.addReplies(outcome.replies ?? []);
  store.clearInflight(messages.map((m) => m.key));
  if (plan.rateLimit > 0) store.setBucket(spend(bucket, messages.length));
  deps.log?.({
    event: "dispatch_step",
    plan: plan.id,
    batches: batches.size,
    recipients: picked.length,
    submitted: messages.length,
    ms: Date.now() - started,
  });
  // Completed batches already left the line in recordEvents; the rest wait for receipts or expire_at.
  for (const id of exhausted) {
    store.setPhase(id, "reporting");
    deps.memory.active.delete(id);
  }
  return true;
}
