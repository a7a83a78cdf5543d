// The engine's sizes and times: how much one step takes on, how long one run may work, how arrivals coalesce.

/** Recipients read, rendered and submitted per step: bounded memory whatever the batch size. */
export const CHUNK = 250;
/** Due batches considered per step: many one-recipient batches share one round of D1 calls. */
export const JOBS_PER_STEP = 100;
/** Receipts applied per step. */
export const EVENTS_PER_STEP = 500;
/**
 * One alarm run works at most this long, then re-arms and returns: cancels and recorded events wait at most
 * this long for the lock. Other plans' alarms do not wait for the run's end: the queue object yields between
 * steps when one is due (src/queue/alarm-board.ts). Shorter runs cost throughput (100 ms: 5,400-7,900 msg/s
 * against 9,500 at 250 ms, npm run bench).
 */
export const RUN_BUDGET_MS = 250;
/**
 * After a step that emptied the line, the next waits this long: batches arriving meanwhile share one
 * step (and its D1 round trips) instead of each paying for its own.
 */
export const COALESCE_MS = 50;
/** The longest the plan's dispatch waits while the upstream keeps failing. */
export const MAX_UPSTREAM_BACKOFF_MS = 5 * 60_000;
