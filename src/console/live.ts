// Live updates: the plan's event WebSocket (resumed after a drop), and polling whenever the socket is not open.
import { signal } from "@preact/signals";
import { api, describeError, type Session } from "./session";

/** A server event (see the events protocol), or a local "poll"/"reset" tick that means "refetch everything". */
export interface LiveEvent {
  seq?: number;
  type: string;
  at?: string;
  data?: Record<string, unknown>;
}

type Listener = (event: LiveEvent) => void;

/** "live" while the socket is open, "polling" otherwise. */
export const liveMode = signal<"live" | "polling">("polling");
/** The most recent events, newest first, for the overview's feed. */
export const recentEvents = signal<LiveEvent[]>([]);

const POLL_MS = 1500;
const PING_MS = 30_000;
const RECONNECT_MIN_MS = 1000;
const RECONNECT_MAX_MS = 30_000;
const FEED_SIZE = 50;
const listeners = new Set<Listener>();

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(event: LiveEvent): void {
  if (event.seq !== undefined) recentEvents.value = [event, ...recentEvents.value].slice(0, FEED_SIZE);
  for (const listener of listeners) listener(event);
}

/**
 * Keeps one socket open for the session: resumes after the last seq seen on reconnect, refetches on "reset",
 * and polls while disconnected so every view stays current either way. Returns the function that stops it.
 */
export function connectLive(current: Session): () => void {
  let socket: WebSocket | null = null;
  let lastSeq: number | null = null;
  let delay = RECONNECT_MIN_MS;
  let stopped = false;
  let reconnect: ReturnType<typeof setTimeout> | undefined;

  const poll = setInterval(() => {
    if (socket?.readyState !== WebSocket.OPEN) emit({ type: "poll" });
  }, POLL_MS);
  // A ping now and then notices a connection that died without a close (answered without waking the object).
  const ping = setInterval(() => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "ping" }));
  }, PING_MS);

  const open = () => {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const url = `${scheme}://${window.location.host}/gateway/v1/${encodeURIComponent(current.planId)}/events`;
    let ws: WebSocket;
    try {
      // The token travels as a subprotocol, never in the URL (URLs end up in logs).
      ws = new WebSocket(url, ["gateway-events.v1", `token.${current.token}`]);
    } catch {
      // A token with characters a subprotocol cannot carry (a custom one): polling only.
      return;
    }
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      delay = RECONNECT_MIN_MS;
      liveMode.value = "live";
      if (lastSeq !== null) ws.send(JSON.stringify({ type: "resume", after: lastSeq }));
      // Whatever happened while disconnected and is not replayed (first connection): fetch it once.
      else emit({ type: "reset" });
    };
    ws.onmessage = (message) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(String(message.data)) as LiveEvent;
      } catch {
        return;
      }
      if (event.type === "pong") return;
      if (event.type === "reset") {
        lastSeq = typeof event.seq === "number" ? event.seq : lastSeq;
        emit({ type: "reset" });
        return;
      }
      if (typeof event.seq === "number") lastSeq = event.seq;
      emit(event);
    };
    ws.onclose = () => {
      if (socket === ws) socket = null;
      liveMode.value = "polling";
      if (stopped) return;
      // A refused upgrade looks like any failed connection to a browser: a call tells a bad token apart.
      if (!opened) void checkToken();
      reconnect = setTimeout(open, delay);
      delay = Math.min(delay * 2, RECONNECT_MAX_MS);
    };
  };

  open();
  return () => {
    stopped = true;
    clearInterval(poll);
    clearInterval(ping);
    clearTimeout(reconnect);
    socket?.close();
    liveMode.value = "polling";
  };
}

async function checkToken(): Promise<void> {
  try {
    await api().optOuts.list.query({ page_size: 1 });
  } catch (error) {
    // A 401 signs out; anything else is a gateway that is down, which polling shows as an error where it matters.
    describeError(error);
  }
}
