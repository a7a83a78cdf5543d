// Every delivery status/code pair the gateway assigns to a recipient, in one place, with what each means.
import type { DeliveryStatus } from "../schemas/delivery-reports";

export interface StatusCode {
  status: DeliveryStatus;
  code: number;
}

/**
 * Sinch's custom 4xx codes and the operator codes our simulator reports. Sinch files 405, 406, 408 and
 * 411 under Aborted; we report expiry as Expired and opt-outs as Rejected, the statuses a user filters by.
 */
export const CODES = {
  /** 400: accepted, waiting in the plan's queue. */
  queued: { status: "Queued", code: 400 },
  /** 401: handed to the operator network; a receipt may follow. */
  dispatched: { status: "Dispatched", code: 401 },
  /** 402: message unroutable: the network refused the number; it never left. */
  unroutable: { status: "Aborted", code: 402 },
  /** 403: internal error: the upstream (Sinch) refused the forwarded batch with a 4xx. */
  upstreamRefused: { status: "Aborted", code: 403 },
  /** 405: unmatched parameter: no value and no default for this recipient. */
  missingParameter: { status: "Aborted", code: 405 },
  /** 406: internal expiry: not final when expire_at passed. */
  expired: { status: "Expired", code: 406 },
  /** 407: cancelled by the user before it was dispatched. */
  cancelled: { status: "Cancelled", code: 407 },
  /** 408: internal reject: the number opted out (STOP) of this plan; never sent. */
  optedOut: { status: "Rejected", code: 408 },
  /** 411: the rendered message needs more parts than max_number_of_message_parts. */
  tooManyParts: { status: "Aborted", code: 411 },
  /** 0: the operator confirmed delivery to the handset. */
  delivered: { status: "Delivered", code: 0 },
  /** 15: an operator's failure (SMPP "screening block"): the simulator's 9500 numbers. */
  operatorFailed: { status: "Failed", code: 15 },
  /** 16: an operator's rejection: the simulator's 9600 numbers. */
  operatorRejected: { status: "Rejected", code: 16 },
} as const satisfies Record<string, StatusCode>;

export type DeliveryCode = (typeof CODES)[keyof typeof CODES];
