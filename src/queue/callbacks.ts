// Delivers the queue's callback outbox: signed POSTs, at most six at a time, retried with Sinch's backoff.
import { signatureHeaders } from "../domain/signature";
import { classifyCallbackStatus, retryDelay } from "./backoff";
import type { CallbackRow } from "./storage";

/** Workers allow six simultaneous outgoing connections. */
export const MAX_CONCURRENT_CALLBACKS = 6;
const TIMEOUT_MS = 10_000;

export type CallbackResult = { id: number; outcome: "delivered" | "drop" | "retry"; status?: number };

async function post(row: CallbackRow, secret: string, now: number): Promise<CallbackResult> {
  try {
    const headers = {
      "content-type": "application/json",
      ...(await signatureHeaders(secret, row.body, now)),
    };
    const response = await fetch(row.url, {
      method: "POST",
      headers,
      body: row.body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    return { id: row.id, outcome: classifyCallbackStatus(response.status), status: response.status };
  } catch {
    return { id: row.id, outcome: classifyCallbackStatus(undefined) };
  }
}

/** Posts `rows` with bounded concurrency; the caller records each result. */
export async function deliverCallbacks(
  rows: CallbackRow[],
  secret: string,
  now: number,
): Promise<CallbackResult[]> {
  const results: CallbackResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++] as CallbackRow;
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
