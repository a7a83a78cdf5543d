// The callback outbox in D1, drained: due callbacks claimed, posted signed (six at a time), every attempt logged,
// retried on Sinch's schedule.
import {
  type AttemptRecord,
  type ClaimedCallback,
  claimDueCallbacks,
  insertMovedCallbacks,
  nextCallbackDue,
  recordAttempts,
} from "../../db/callbacks";
import type { Db } from "../../db/client";
import { classifyCallbackStatus, retryDelay } from "./backoff";
import { type PostResult, postCallback } from "./callback-post";
import type { DeliveryStore, LiveSink } from "./deps";
import type { EngineLog } from "./engine-log";
import { callbackAttemptEvent } from "./publish";

/** Workers allow six simultaneous outgoing connections. */
export const MAX_CONCURRENT_CALLBACKS = 6;
/** A run starts no new call after this long (real time): slow endpoints wait for the next run. */
const RUN_BUDGET_MS = 3_000;
const CALLBACKS_PER_RUN = 60;
/** A claimed callback is not due again before this: longer than a whole run, so only a crash releases it. */
const CLAIM_MS = 60_000;

export type CallbackResult = PostResult & { id: string; outcome: "delivered" | "drop" | "retry" };

/** Posts `rows` with bounded concurrency; the caller records each result. */
export async function deliverCallbacks(rows: ClaimedCallback[], secret: string): Promise<CallbackResult[]> {
  const results: CallbackResult[] = [];
  let next = 0;
  const stopAt = Date.now() + RUN_BUDGET_MS;
  const worker = async () => {
    while (next < rows.length && Date.now() < stopAt) {
      const row = rows[next++] as ClaimedCallback;
      const result = await postCallback(row.url, row.body, secret);
      results.push({ ...result, id: row.id, outcome: classifyCallbackStatus(result.status) });
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

/** The log entry of one drained attempt: its outcome decides the callback's state and next time. */
export function attemptRecord(row: ClaimedCallback, result: CallbackResult, now: number): AttemptRecord {
  const retryAt = result.outcome === "retry" ? nextAttemptAt(row.attempts + 1, now) : undefined;
  return {
    id: row.id,
    state: result.outcome === "delivered" ? "delivered" : retryAt === undefined ? "gave_up" : "pending",
    nextAt: retryAt ?? null,
    at: now,
    url: row.url,
    status: result.status ?? null,
    error: result.error ?? null,
    latencyMs: result.latencyMs,
    response: result.response ?? null,
  };
}

export interface DrainDeps {
  db: Db;
  store: DeliveryStore;
  planId: string;
  secret: string;
  now: number;
  /** Live events for the plan's open sockets (callback.attempt). */
  live?: LiveSink;
  /** Engine log lines (a failed or given-up callback); absent means silent. */
  log?: EngineLog;
}

/**
 * When the store says callbacks are due: claims them in D1, posts them, then records every attempt and
 * each callback's new state in one batch. Claiming first means two overlapping runs never post the same
 * callback; one not reached within the run's budget is released for the next run. The store learns
 * when the next one is due.
 */
export async function sendDueCallbacks(deps: DrainDeps): Promise<void> {
  const { db, store, planId, now } = deps;
  await moveLegacyCallbacks(deps);
  const due = store.callbacksDue();
  if (due === undefined || due > now) return;
  const mark = store.callbacksMark();
  const rows = await claimDueCallbacks(db, planId, now, CALLBACKS_PER_RUN, now + CLAIM_MS);
  if (rows.length === 0) {
    store.settleCallbacksDue(await nextCallbackDue(db, planId), mark);
    return;
  }
  const results = await deliverCallbacks(rows, deps.secret);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const records = results.map((result) => {
    const row = byId.get(result.id) as ClaimedCallback;
    byId.delete(result.id);
    const record = attemptRecord(row, result, now);
    deps.live?.publish([callbackAttemptEvent(row, result, record.state === "gave_up")]);
    if (record.state !== "delivered")
      deps.log?.({
        event: record.state === "gave_up" ? "callback_gave_up" : "callback_failed",
        plan: planId,
        callback: row.id,
        url: row.url,
        status: record.status ?? record.error,
        attempt: row.attempts + 1,
      });
    return record;
  });
  // Not reached this run: due again at once, with no attempt counted.
  store.settleCallbacksDue(await recordAttempts(db, planId, records, [...byId.keys()], now), mark);
}

/** Rows left in the queue object's own SQLite outbox (before the outbox moved to D1) go to D1, as they were. */
async function moveLegacyCallbacks({ db, store, planId, now }: DrainDeps): Promise<void> {
  const legacy = store.legacyCallbacks(500);
  if (legacy.length === 0) return;
  const rows = legacy.map((r) => ({ url: r.url, body: r.body, attempts: r.attempts, nextAt: r.next_at }));
  await insertMovedCallbacks(db, planId, rows, now);
  store.deleteLegacyCallbacks(legacy.map((r) => r.id));
  store.noteCallbacksDue(Math.min(...rows.map((r) => r.nextAt)));
}
