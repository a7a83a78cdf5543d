// Callback retry policy, as Sinch's: 5 s, doubling, the last retry 81,920 s (~22 h 45 min) after its predecessor.
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 81_920_000;
/** 5 s × 2^0 … 5 s × 2^14 = 81,920 s: fifteen retries after the first attempt. */
export const MAX_RETRIES = 15;

/** Delay before retry number `retry` (1-based), or undefined when retries are exhausted. */
export function retryDelay(retry: number): number | undefined {
  if (retry < 1 || retry > MAX_RETRIES) return undefined;
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (retry - 1));
}

export type CallbackOutcome = "delivered" | "retry" | "drop";

/** 2xx ends it; 5xx, 429 and network errors retry; any other answer will not change by retrying. */
export function classifyCallbackStatus(status: number | undefined): CallbackOutcome {
  if (status === undefined) return "retry";
  if (status >= 200 && status < 300) return "delivered";
  if (status === 429 || status >= 500) return "retry";
  return "drop";
}
