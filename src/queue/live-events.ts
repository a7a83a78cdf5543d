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
/**
 * Events are kept while a socket is connected and for this long after the last one left (a reload or a
 * dropped connection resumes); later nobody is left to resume them, so they cost no storage write at all.
 */
export const KEEP_WITHOUT_LISTENER_MS = 10 * 60_000;
/** A ring row that stands for events not kept: a resume across it gets a reset. */
const GAP = "";

export class LiveEvents implements LiveSink {
  /** The last seq given out; read once from the ring, then kept (the object is single-threaded). */
  private seq: number | undefined;
  /** When a socket was last seen (in memory: after a restart events are kept only once one connects). */
  private lastListened = Number.NEGATIVE_INFINITY;
  /** Whether the current stretch of unkept events already has its gap row. */
  private gapMarked = false;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly now: () => number = Date.now,
  ) {
    // The runtime answers pings itself: a connected console never wakes a hibernating object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING_FRAME, PONG_FRAME));
  }

  listening(): boolean {
    const connected = this.ctx.getWebSockets().length > 0;
    if (connected) this.lastListened = this.now();
    return connected;
  }

  /** A socket closed: the time to keep events for its resume starts now. */
  left(): void {
    this.lastListened = this.now();
  }

  /** Completes the closing handshake; 1005/1006 cannot be sent back, so those end without a code. */
  closed(ws: WebSocket, code: number): void {
    this.left();
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code);
    } catch {
      // Already closed.
    }
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
    if (!this.listening() && this.now() - this.lastListened > KEEP_WITHOUT_LISTENER_MS) {
      this.markGap();
      return;
    }
    this.gapMarked = false;
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

  /** One ring row (one seq) for a whole stretch of events nobody could resume, so nobody resumes across it. */
  private markGap(): void {
    if (this.gapMarked) return;
    const seq = this.current() + 1;
    this.ctx.storage.sql.exec(
      `INSERT OR REPLACE INTO live_events (slot, seq, frame) VALUES (?, ?, ?)`,
      seq % RING_SIZE,
      seq,
      GAP,
    );
    this.seq = seq;
    this.gapMarked = true;
  }

  /** The 101 answer to an upgrade the Worker has authenticated: the object keeps the server end. */
  accept(request: Request): Response {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket")
      return new Response(null, { status: 426, headers: { upgrade: "websocket" } });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    this.lastListened = this.now();
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
   * a reset when events after it were overwritten or not kept, or when `after` is a seq never given.
   */
  private replay(ws: WebSocket, after: number): void {
    const current = this.current();
    const oldest =
      this.ctx.storage.sql.exec<{ seq: number | null }>(`SELECT min(seq) AS seq FROM live_events`).one()
        .seq ?? current + 1;
    const gap = this.ctx.storage.sql
      .exec<{ n: number }>(`SELECT count(*) AS n FROM live_events WHERE seq > ? AND frame = ?`, after, GAP)
      .one().n;
    if (after > current || after < oldest - 1 || gap > 0) {
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
