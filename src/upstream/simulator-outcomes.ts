// The simulated operator network's rules: a recipient's last four digits choose what happens to its message.
import { CODES, type StatusCode } from "../domain/delivery/codes";

export interface SimulatedOutcome {
  /** At submission: Dispatched (401), or Aborted (402) for an unroutable number that never leaves. */
  submitted: StatusCode;
  /** The operator's final receipt, if it ever sends one. */
  final?: StatusCode;
}

export function simulatedOutcome(recipient: string): SimulatedOutcome {
  switch (recipient.slice(-4)) {
    case "9402":
      return { submitted: CODES.unroutable };
    case "9500":
      return { submitted: CODES.dispatched, final: CODES.operatorFailed };
    case "9600":
      return { submitted: CODES.dispatched, final: CODES.operatorRejected };
    case "9700":
      return { submitted: CODES.dispatched };
    default:
      return { submitted: CODES.dispatched, final: CODES.delivered };
  }
}
