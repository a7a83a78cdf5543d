// Test helper: a client of the live-events WebSocket through the Worker's real fetch, collecting every frame.
import { exports } from "cloudflare:workers";
import { BASE } from "./gateway";

export interface LiveFrame {
  seq?: number;
  type: string;
  at?: string;
  data?: any;
  [key: string]: unknown;
}

export interface LiveClient {
  response: Response;
  frames: LiveFrame[];
  send(message: unknown): void;
  /** Resolves with the first `count` frames after `from` that match, or fails after `timeoutMs`. */
  waitFor(
    match: (f: LiveFrame) => boolean,
    options?: { count?: number; from?: number },
  ): Promise<LiveFrame[]>;
  /** Frames that arrive within `ms`, from now on (to prove nothing more comes). */
  quietFor(ms: number): Promise<LiveFrame[]>;
  close(): void;
}

/** Opens the socket as a browser would: the token as a subprotocol beside gateway-events.v1. */
export async function openLive(
  planId: string,
  headers: Record<string, string | undefined> = {},
): Promise<Response> {
  const init: Record<string, string> = { upgrade: "websocket" };
  // undefined removes a header (a plain GET without `upgrade`).
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) delete init[k];
    else init[k] = v;
  }
  return exports.default.fetch(new Request(`${BASE}/gateway/v1/${planId}/events`, { headers: init }));
}

export const protocols = (token: string) => ({
  "sec-websocket-protocol": `gateway-events.v1, token.${token}`,
});

export async function connectLive(planId: string, token: string, timeoutMs = 10_000): Promise<LiveClient> {
  const response = await openLive(planId, protocols(token));
  const ws = response.webSocket;
  if (!ws) throw new Error(`no socket: ${response.status} ${await response.text()}`);
  ws.accept();
  const frames: LiveFrame[] = [];
  ws.addEventListener("message", (event) => {
    frames.push(JSON.parse(event.data as string));
  });
  const waitFor: LiveClient["waitFor"] = async (match, { count = 1, from = 0 } = {}) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = frames.slice(from).filter(match);
      if (found.length >= count) return found.slice(0, count);
      if (Date.now() > until)
        throw new Error(`expected ${count} matching frames, got ${found.length}: ${JSON.stringify(frames)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return {
    response,
    frames,
    send: (message) => ws.send(typeof message === "string" ? message : JSON.stringify(message)),
    waitFor,
    async quietFor(ms) {
      const start = frames.length;
      await new Promise((r) => setTimeout(r, ms));
      return frames.slice(start);
    },
    close: () => ws.close(1000, "done"),
  };
}
