// The callback outbox, drained: due callbacks posted signed, at most six at a time, retried on Sinch's schedule.
import { signatureHeaders } from "../signature";
import { classifyCallbackStatus, retryDelay } from "./backoff";
import type { DeliveryStore, LiveSink, StoredCallback } from "./deps";
import { callbackAttemptEvent } from "./publish";

/** Workers allow six simultaneous outgoing connections. */
export const MAX_CONCURRENT_CALLBACKS = 6;
const TIMEOUT_MS = 5_000;
/** A run starts no new call after this long (real time): slow endpoints wait for the next run. */
const RUN_BUDGET_MS = 3_000;
const CALLBACKS_PER_RUN = 60;
/** A claimed callback is not due again before this: longer than a whole run, so only a crash releases it. */
const CLAIM_MS = 60_000;

export type CallbackResult = {
  id: number;
  outcome: "delivered" | "drop" | "retry";
  status?: number;
  latencyMs?: number;
};

async function post(row: StoredCallback, secret: string, now: number): Promise<CallbackResult> {
  const started = Date.now();
  try {
    const headers = {
      "content-type": "application/json",
      ...(await signatureHeaders(secret, row.body, now)),
    };
    const response = await fetch(row.url, {
      method: "POST",
      headers,
      body: row.body,
      // A redirect is an answer, not a new address to post to: it counts as a failed attempt.
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    const latencyMs = Date.now() - started;
    return {
      id: row.id,
      outcome: classifyCallbackStatus(response.status),
      status: response.status,
      latencyMs,
    };
  } catch {
    return { id: row.id, outcome: classifyCallbackStatus(undefined), latencyMs: Date.now() - started };
  }
}

/** Posts `rows` with bounded concurrency; the caller records each result. */
export async function deliverCallbacks(
  rows: StoredCallback[],
  secret: string,
  now: number,
): Promise<CallbackResult[]> {
  const results: CallbackResult[] = [];
  let next = 0;
  const stopAt = Date.now() + RUN_BUDGET_MS;
  const worker = async () => {
    while (next < rows.length && Date.now() < stopAt) {
      const row = rows[next++] as StoredCallback;
      results.push(await post(row, secret, now));
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_CONCURRENT_CALLBACKS, rows.length) }, worker));
  return results;
}

/** When to try again after `attempts` failed tries, or undefined to give up. */
export function nextAttemptAt(attempts: number, now: number): number | undefined {
  const delay = retryDelay(attempts);
  return delay === undefined ? undefined : now + delay;
}

/**
 * Claims what is due, posts it, then records each outcome: delivered and dropped leave, retries wait their
 * turn. Claiming first means two overlapping runs never post the same callback; one not reached within
 * the run's budget is released for the next run.
 */
export async function sendDueCallbacks(
  store: DeliveryStore,
  secret: string,
  now: number,
  live?: LiveSink,
): Promise<void> {
  const rows = store.claimCallbacks(now, CALLBACKS_PER_RUN, now + CLAIM_MS);
  if (rows.length === 0) return;
  const results = await deliverCallbacks(rows, secret, now);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const result of results) {
    const row = byId.get(result.id) as StoredCallback;
    byId.delete(result.id);
    const retryAt = result.outcome === "retry" ? nextAttemptAt(row.attempts + 1, now) : undefined;
    if (retryAt === undefined) store.deleteCallback(row.id);
    else store.retryCallback(row.id, row.attempts + 1, retryAt);
    live?.publish([callbackAttemptEvent(row, result, retryAt === undefined)]);
    if (result.outcome !== "delivered")
      console.warn(
        JSON.stringify({
          event: retryAt === undefined ? "callback_gave_up" : "callback_failed",
          url: row.url,
          status: result.status ?? "network error",
          attempt: row.attempts + 1,
        }),
      );
  }
  // Not reached this run: due again at once, with no attempt counted.
  for (const row of byId.values()) store.retryCallback(row.id, row.attempts, now);
}
