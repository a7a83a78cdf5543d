// The plan's live events inside its SendQueue: numbered, kept in a ring buffer in the object's SQLite, broadcast to
// the hibernatable WebSockets, and replayed from a client's last seq on `resume`.
import type { LiveSink } from "../domain/delivery/deps";
import {
  ClientMessage,
  EVENTS_PROTOCOL,
  type LiveEventInput,
  PING_FRAME,
  PONG_FRAME,
  type ResetMessage,
} from "../domain/schemas/live-events";

/**
 * Events kept for `resume`: a fixed ring (slot = seq mod RING_SIZE, table live_events in storage.ts), so
 * storage never grows and nothing is deleted. 10,000 is ten times the 1,000 the protocol promises; a
 * one-recipient batch makes 3-5 events, so at one batch a second that is over half an hour.
 */
export const RING_SIZE = 10_000;
/** Events per insert statement: a step's 250 recipients in one statement, well under SQLite's limits. */
const INSERT_CHUNK = 500;

export class LiveEvents implements LiveSink {
  /** The last seq given out; read once from the ring, then kept (the object is single-threaded). */
  private seq: number | undefined;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly now: () => number = Date.now,
  ) {
    // The runtime answers pings itself: a connected console never wakes a hibernating object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING_FRAME, PONG_FRAME));
  }

  listening(): boolean {
    return this.ctx.getWebSockets().length > 0;
  }

  private current(): number {
    this.seq ??=
      this.ctx.storage.sql.exec<{ seq: number | null }>(`SELECT max(seq) AS seq FROM live_events`).one()
        .seq ?? 0;
    return this.seq;
  }

  /** Numbers the events, keeps them in the ring, and sends each to every connected socket. */
  publish(events: LiveEventInput[]): void {
    if (events.length === 0) return;
    const at = new Date(this.now()).toISOString();
    const first = this.current() + 1;
    const frames = events.map((e, i) => JSON.stringify({ seq: first + i, type: e.type, at, data: e.data }));
    for (let i = 0; i < frames.length; i += INSERT_CHUNK)
      this.ctx.storage.sql.exec(
        `INSERT OR REPLACE INTO live_events (slot, seq, frame)
         SELECT (?1 + key) % ?2, ?1 + key, value FROM json_each(?3)`,
        first + i,
        RING_SIZE,
        JSON.stringify(frames.slice(i, i + INSERT_CHUNK)),
      );
    this.seq = first + frames.length - 1;
    const sockets = this.ctx.getWebSockets();
    for (const ws of sockets) for (const frame of frames) send(ws, frame);
  }

  /** The 101 answer to an upgrade the Worker has authenticated: the object keeps the server end. */
  accept(request: Request): Response {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket")
      return new Response(null, { status: 426, headers: { upgrade: "websocket" } });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    const offered = request.headers.get("sec-websocket-protocol") ?? "";
    const headers = new Headers();
    if (offered.split(",").some((p) => p.trim() === EVENTS_PROTOCOL))
      headers.set("sec-websocket-protocol", EVENTS_PROTOCOL);
    return new Response(null, { status: 101, webSocket: client, headers });
  }

  /** `resume` replays what the client missed; a ping not sent byte for byte as PING_FRAME still gets its pong. */
  message(ws: WebSocket, message: string | ArrayBuffer): void {
    const parsed = parseClientMessage(message);
    if (!parsed) {
      send(
        ws,
        JSON.stringify({
          type: "error",
          code: "syntax_invalid_json",
          text: 'Expected {"type":"resume","after":<seq>} or {"type":"ping"}',
        }),
      );
      return;
    }
    if (parsed.type === "ping") send(ws, PONG_FRAME);
    else this.replay(ws, parsed.after);
  }

  /**
   * Every retained event after `after`, in order, synchronously (so no live event can slip in between);
   * a reset when events after it were already overwritten, or when `after` is a seq this plan never gave.
   */
  private replay(ws: WebSocket, after: number): void {
    const current = this.current();
    const oldest =
      this.ctx.storage.sql.exec<{ seq: number | null }>(`SELECT min(seq) AS seq FROM live_events`).one()
        .seq ?? current + 1;
    if (after > current || after < oldest - 1) {
      const reset: ResetMessage = { type: "reset", seq: current };
      send(ws, JSON.stringify(reset));
      return;
    }
    const rows = this.ctx.storage.sql.exec<{ frame: string }>(
      `SELECT frame FROM live_events WHERE seq > ? ORDER BY seq`,
      after,
    );
    for (const row of rows) send(ws, row.frame);
  }
}

function parseClientMessage(message: string | ArrayBuffer): ClientMessage | undefined {
  if (typeof message !== "string") return undefined;
  try {
    const result = ClientMessage.safeParse(JSON.parse(message));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** A socket closing under us is not an error of the publisher: the client resumes when it reconnects. */
function send(ws: WebSocket, frame: string): void {
  try {
    ws.send(frame);
  } catch {
    // Closed or closing: nothing to deliver to.
  }
}
