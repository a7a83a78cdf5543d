// The simulated operator network's rules: a recipient's last four digits choose what happens to its message.
import type { DeliveryStatus } from "../domain/schemas/delivery-reports";

export interface SimulatedOutcome {
  /** At submission: Dispatched (401), or Aborted (402) for an unroutable number that never leaves. */
  submitted: { status: DeliveryStatus; code: number };
  /** The operator's final receipt, if it ever sends one. */
  final?: { status: DeliveryStatus; code: number };
}

/** Operator error codes (SMPP-style) the simulator reports for its failure cases. */
export const SIMULATED_FAILURE_CODE = 15;
export const SIMULATED_REJECTION_CODE = 16;

export function simulatedOutcome(recipient: string): SimulatedOutcome {
  const dispatched = { status: "Dispatched", code: 401 } as const;
  switch (recipient.slice(-4)) {
    case "9402":
      return { submitted: { status: "Aborted", code: 402 } };
    case "9500":
      return { submitted: dispatched, final: { status: "Failed", code: SIMULATED_FAILURE_CODE } };
    case "9600":
      return { submitted: dispatched, final: { status: "Rejected", code: SIMULATED_REJECTION_CODE } };
    case "9700":
      return { submitted: dispatched };
    default:
      return { submitted: dispatched, final: { status: "Delivered", code: 0 } };
  }
}
