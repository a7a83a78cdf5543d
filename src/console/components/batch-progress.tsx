// A batch's progress bar (queued / dispatched / delivered / failed), from its summary delivery report.
import type { Progress } from "../progress";

const SEGMENTS = ["delivered", "failed", "dispatched", "queued"] as const;

export function BatchProgress({ progress }: { progress: Progress | undefined }) {
  if (!progress) {
    return (
      <div class="progress-wrap">
        <div class="progress" />
        <span class="progress-text">Counting…</span>
      </div>
    );
  }
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
