// Bar chart of sent / delivered / failed per bucket (inline SVG: no chart library for three series).
import type { Stats } from "../../domain/schemas/stats";

const SERIES = [
  ["dispatched", "Sent"],
  ["delivered", "Delivered"],
  ["failed", "Failed"],
] as const;

const failedOf = (b: Stats["buckets"][number]) => b.failed + b.rejected + b.expired + b.aborted;

export function ActivityChart({ stats }: { stats: Stats }) {
  const buckets = stats.buckets.slice(-24);
  if (buckets.length === 0) return <p class="notice empty">Nothing sent in this period yet.</p>;
  const values = (b: Stats["buckets"][number]) => [b.dispatched, b.delivered, failedOf(b)];
  const max = Math.max(1, ...buckets.flatMap(values));
  const width = 24 * 3 * 4;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${width} 100`}
        role="img"
        aria-label={`Sent, delivered and failed per ${stats.granularity}`}
      >
        {buckets.map((b, i) =>
          values(b).map((v, s) => {
            const h = (90 * v) / max;
            return (
              <rect
                key={`${b.start}${s}`}
                class={`bar s${s}`}
                x={i * 12 + s * 4}
                y={100 - h}
                width={3.5}
                height={h}
              >
                <title>{`${SERIES[s]?.[1]} ${v} at ${new Date(b.start).toLocaleString()}`}</title>
              </rect>
            );
          }),
        )}
      </svg>
      <figcaption>
        {SERIES.map(([key, label], s) => (
          <span key={key} class={`key s${s}`}>
            {label}
          </span>
        ))}{" "}
        per {stats.granularity}
      </figcaption>
    </figure>
  );
}
