// A batch's progress (queued / dispatched / delivered / failed) from its summary delivery report.
import type { GatewayOutputs } from "../rpc/client";

type Report = GatewayOutputs["deliveryReports"]["byBatch"];

export interface Progress {
  queued: number;
  dispatched: number;
  delivered: number;
  failed: number;
}

/** Counts per bar segment: every final status other than Delivered counts as failed, as the events do. */
export function progressOf(report: Report | undefined): Progress {
  const p: Progress = { queued: 0, dispatched: 0, delivered: 0, failed: 0 };
  for (const s of report?.statuses ?? []) {
    if (s.status === "Queued") p.queued += s.count;
    else if (s.status === "Dispatched" || s.status === "Unknown") p.dispatched += s.count;
    else if (s.status === "Delivered") p.delivered += s.count;
    else p.failed += s.count;
  }
  return p;
}
