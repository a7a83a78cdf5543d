// A change of one recipient's delivery state, whatever its source (dispatch, operator receipt, webhook, expiry, cancel).
import type { DeliveryStatus } from "../schemas/delivery-reports";
import type { ReportEncoding } from "../text/encoding-names";
import type { LaterReply } from "./later-reply";

export interface StatusEvent {
  batchId: string;
  recipient: string;
  status: DeliveryStatus;
  code: number;
  at: number;
  operatorStatusAt?: number | null;
  encoding?: ReportEncoding | null;
  parts?: number | null;
  /** Parts handed to the upstream (set with Dispatched), counted in the plan's statistics. */
  partsSent?: number | null;
}

/** A status event the upstream will produce later (an operator's delivery receipt), due at `dueAt`. */
export interface LaterEvent extends StatusEvent {
  dueAt: number;
}

/** What a submission or reconcile yields: events now, and receipts promised for later. */
export interface SubmitOutcome {
  /** The immediate state of each submitted message: Dispatched, or a failure such as Aborted/402. */
  events: StatusEvent[];
  /** Receipts the upstream promises later; the queue stores and applies them when due. */
  later: LaterEvent[];
  /** Handset replies the simulator's rules script; the queue holds them until due. */
  replies?: LaterReply[];
}
