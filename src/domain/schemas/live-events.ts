// Wire shapes of the live-events WebSocket (GET /gateway/v1/{plan}/events): server events, client messages, reset.
import { z } from "zod";

/** The subprotocol a client offers (with `token.<api token>`) and the server answers with. */
export const EVENTS_PROTOCOL = "gateway-events.v1";
/** The prefix of the subprotocol that carries the API token, so the token never appears in a URL. */
export const TOKEN_PROTOCOL_PREFIX = "token.";

export const BatchCounts = z.object({
  queued: z.number().int(),
  dispatched: z.number().int(),
  delivered: z.number().int(),
  /** Every final status other than Delivered. */
  failed: z.number().int(),
});
export type BatchCounts = z.infer<typeof BatchCounts>;

/** What a publisher hands over: the type and data; the queue object adds `seq` and `at`. */
export const LiveEventInput = z.discriminatedUnion("type", [
  z.object({ type: z.literal("batch.created"), data: z.object({ batch_id: z.string() }) }),
  z.object({
    type: z.literal("batch.progress"),
    data: z.object({ batch_id: z.string(), counts: BatchCounts, completed: z.literal(true).optional() }),
  }),
  z.object({
    type: z.literal("recipient.status"),
    data: z.object({
      batch_id: z.string(),
      recipient: z.string(),
      status: z.string(),
      code: z.number().int(),
      /** When the status was recorded (ISO). */
      at: z.string(),
    }),
  }),
  z.object({
    type: z.literal("inbound"),
    data: z.object({
      id: z.string(),
      from: z.string(),
      to: z.string(),
      body: z.string(),
      received_at: z.string(),
    }),
  }),
  z.object({
    type: z.literal("opt_out"),
    data: z.object({ number: z.string(), action: z.enum(["added", "removed"]) }),
  }),
  z.object({
    type: z.literal("callback.attempt"),
    data: z.object({
      id: z.union([z.string(), z.number()]),
      kind: z.string(),
      url: z.string(),
      attempt: z.number().int(),
      status: z.number().int().nullable(),
      outcome: z.enum(["delivered", "retry", "gave_up"]),
      latency_ms: z.number(),
    }),
  }),
]);
export type LiveEventInput = z.infer<typeof LiveEventInput>;
export type LiveEventType = LiveEventInput["type"];

/** One server -> client text frame: `seq` rises by one per event of the plan, durable across restarts. */
export type LiveEvent = LiveEventInput & { seq: number; at: string };

/** Sent instead of a replay when `after` is older than what the server retains: refetch, then follow `seq`. */
export interface ResetMessage {
  type: "reset";
  seq: number;
}

/** Client -> server. `ping` is answered by the runtime without waking the object when sent exactly as `{"type":"ping"}`. */
export const ClientMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("resume"), after: z.number().int().min(0) }),
  z.object({ type: z.literal("ping") }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export const PING_FRAME = JSON.stringify({ type: "ping" });
export const PONG_FRAME = JSON.stringify({ type: "pong" });
