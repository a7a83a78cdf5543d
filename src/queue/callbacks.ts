// The queue's callback outbox: stored in the object's SQLite, posted signed, at most six at a time, retried with Sinch's backoff.

import type { CallbackJob } from "../domain/delivery-reports/status-updates";
import { signatureHeaders } from "../domain/signature";
import { classifyCallbackStatus, retryDelay } from "./backoff";
import type { CallbackRow } from "./storage";

/** Workers allow six simultaneous outgoing connections. */
export const MAX_CONCURRENT_CALLBACKS = 6;
const TIMEOUT_MS = 5_000;
/** A run starts no new call after this long (real time): slow endpoints wait for the next run. */
const RUN_BUDGET_MS = 3_000;

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
  const stopAt = Date.now() + RUN_BUDGET_MS;
  const worker = async () => {
    while (next < rows.length && Date.now() < stopAt) {
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

const CALLBACKS_PER_RUN = 60;

export function addToOutbox(sql: SqlStorage, callbacks: CallbackJob[], now: number): void {
  for (const c of callbacks)
    sql.exec(`INSERT INTO callbacks (url, body, attempts, next_at) VALUES (?, ?, 0, ?)`, c.url, c.body, now);
}

/** Posts what is due, then records each outcome: delivered and dropped leave, retries wait their turn. */
export async function sendDueCallbacks(sql: SqlStorage, secret: string, now: number): Promise<void> {
  const rows = sql
    .exec<CallbackRow>(
      `SELECT * FROM callbacks WHERE next_at <= ? ORDER BY next_at, id LIMIT ?`,
      now,
      CALLBACKS_PER_RUN,
    )
    .toArray();
  if (rows.length === 0) return;
  const results = await deliverCallbacks(rows, secret, now);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const result of results) {
    const row = byId.get(result.id) as CallbackRow;
    const retryAt = result.outcome === "retry" ? nextAttemptAt(row.attempts + 1, now) : undefined;
    if (retryAt === undefined) sql.exec(`DELETE FROM callbacks WHERE id = ?`, row.id);
    else sql.exec(`UPDATE callbacks SET attempts = attempts + 1, next_at = ? WHERE id = ?`, retryAt, row.id);
    if (result.outcome !== "delivered")
      console.warn(
        "callback",
        result.outcome,
        row.url,
        result.status ?? "network error",
        `attempt ${row.attempts + 1}`,
      );
  }
}
