// What a carrier connection must do: accept rendered messages (idempotently per key) and report status events.
import type { SubmitOutcome } from "../domain/delivery/events";
import type { MessageEncoding } from "../domain/text/encoding-names";

export interface OutboundMessage {
  /** `${batchId}:${recipient}`: the idempotency key of one message. */
  key: string;
  batchId: string;
  servicePlanId: string;
  recipient: string;
  from: string;
  type: "mt_text" | "mt_binary";
  /** Rendered text, or Base64 for binary. */
  body: string;
  udh?: string | null;
  encoding: MessageEncoding;
  parts: number;
  flash: boolean;
  clientReference?: string | null;
  /** The dispatch step that submitted it: messages of one step and batch travel together upstream. */
  submission: string;
}

export interface Upstream {
  /**
   * Hands messages to the network. Must be idempotent per `key`: a message submitted twice (a retry
   * after a crash) reaches the handset once and yields the same outcome.
   */
  submit(messages: OutboundMessage[], now: number): Promise<SubmitOutcome>;
  /**
   * Which of `keys` the network already accepted, with their outcome: how a restarted queue learns
   * what a crash interrupted, without submitting anything again.
   */
  reconcile(keys: OutboundMessage[], now: number): Promise<SubmitOutcome & { known: Set<string> }>;
  /** Cancels what was already handed over for a batch, where the network supports it. */
  cancel?(batchId: string): Promise<void>;
}

/** The network could not be reached or refused for now (5xx, 429): the step fails and is retried, never resent blindly. */
export class UpstreamUnavailable extends Error {
  override name = "UpstreamUnavailable";
}
