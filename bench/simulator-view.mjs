// The simulator's handset list as the bench reads it: message counts, oldest/newest received_at, every message, waits.
const MAX_PAGE_SIZE = 100;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Reads `GET /simulator/v1/{plan}/messages` (newest first) with the plan's API token. */
export function simulatorView(client, { planId, token }) {
  const headers = { authorization: `Bearer ${token}` };
  const page = async (n, size) => {
    const path = `/simulator/v1/${planId}/messages?page=${n}&page_size=${size}`;
    const res = await client.request("GET", path, { headers });
    if (res.status !== 200) throw new Error(`GET ${path} -> ${res.status}: ${res.body.slice(0, 200)}`);
    return JSON.parse(res.body);
  };
  const at = (m) => Date.parse(m.received_at);

  return {
    /** Messages received so far (one cheap page_size=1 request). */
    count: async () => (await page(0, 1)).count,

    /** received_at (ms) of the oldest and the newest message, once `count` messages exist. */
    span: async (count) => {
      const [oldest, newest] = await Promise.all([page(count - 1, 1), page(0, 1)]);
      if (!oldest.messages[0] || !newest.messages[0]) throw new Error(`simulator has fewer than ${count}`);
      return { first: at(oldest.messages[0]), last: at(newest.messages[0]) };
    },

    /** Every message, as { batchId, to, at } (call only when no more arrive: pages shift meanwhile). */
    all: async () => {
      const out = [];
      for (let n = 0; ; n++) {
        const p = await page(n, MAX_PAGE_SIZE);
        for (const m of p.messages) out.push({ batchId: m.batch_id, to: m.to, at: at(m) });
        if (p.messages.length < MAX_PAGE_SIZE || out.length >= p.count) return out;
      }
    },
  };
}

/**
 * Polls `read()` until it reaches `target`. Throws with `what` in the message once it has not grown for
 * `stallMs` or `timeoutMs` has passed overall: a wait never hangs.
 */
export async function waitForCount(
  read,
  target,
  { what, intervalMs = 250, stallMs = 20_000, timeoutMs = 120_000 },
) {
  const start = Date.now();
  let last = -1;
  let grewAt = start;
  for (;;) {
    const n = await read();
    if (n >= target) return n;
    const now = Date.now();
    if (n > last) [last, grewAt] = [n, now];
    if (now - grewAt > stallMs)
      throw new Error(`${what}: stuck at ${n}/${target} messages for ${(stallMs / 1000).toFixed(0)} s`);
    if (now - start > timeoutMs)
      throw new Error(`${what}: only ${n}/${target} messages after ${(timeoutMs / 1000).toFixed(0)} s`);
    await sleep(intervalMs);
  }
}
