// The limits of one tRPC HTTP batch, shared by the server that enforces them and the client that respects them.

/** One HTTP request may batch at most this many calls: 500 sends in one request would each write to D1. */
export const MAX_BATCH_CALLS = 50;

/** The Worker refuses longer URLs (414); a batch of GET calls is split before it gets there. */
export const MAX_BATCH_URL_LENGTH = 8 * 1024;
