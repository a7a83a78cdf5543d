// A batch's progress bar (queued / dispatched / delivered / failed), from its summary delivery report.
import type { GatewayOutputs } from "../../rpc/client";

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

const SEGMENTS = ["delivered", "failed", "dispatched", "queued"] as const;

export function BatchProgress({ progress }: { progress: Progress }) {
  const total = progress.queued + progress.dispatched + progress.delivered + progress.failed;
  const label = `${progress.delivered} delivered, ${progress.failed} failed, ${progress.dispatched} dispatched, ${progress.queued} queued`;
  return (
    <div class="progress-wrap">
      <div
        class="progress"
        role="progressbar"
        aria-label="Delivery progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={progress.delivered + progress.failed}
        aria-valuetext={label}
      >
        {total > 0 &&
          SEGMENTS.map((key) =>
            progress[key] > 0 ? (
              <span key={key} class={`seg ${key}`} style={{ width: `${(100 * progress[key]) / total}%` }} />
            ) : null,
          )}
      </div>
      <span class="progress-text">{label}</span>
    </div>
  );
}
