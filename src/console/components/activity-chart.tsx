// Bar chart of sent / delivered / failed per bucket on a fixed time axis (inline SVG: no chart library for three series).
import type { Stats } from "../../domain/schemas/stats";

const SERIES = [
  ["dispatched", "Sent"],
  ["delivered", "Delivered"],
  ["failed", "Failed"],
] as const;

const BUCKET_MS: Record<Stats["granularity"], number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
/** Slots on the axis (the range's first 24 buckets), a label every LABEL_EVERY slots. */
const SLOTS = 24;
const LABEL_EVERY = 6;
const SLOT_WIDTH = 12;
const BAR_WIDTH = 3.5;
const PLOT_HEIGHT = 100;
const LABEL_ROOM = 14;

const failedOf = (b: Stats["buckets"][number]) => b.failed + b.rejected + b.expired + b.aborted;
const values = (b: Stats["buckets"][number]) => [b.dispatched, b.delivered, failedOf(b)];

/** A slot's start in the viewer's local time: the date for days, the hour for hours, hour and minute for minutes. */
const slotLabel = (at: number, granularity: Stats["granularity"]) =>
  granularity === "day"
    ? new Date(at).toLocaleDateString([], { month: "short", day: "numeric" })
    : new Date(at).toLocaleTimeString(
        [],
        granularity === "hour" ? { hour: "numeric" } : { hour: "2-digit", minute: "2-digit" },
      );

export function ActivityChart({ stats }: { stats: Stats }) {
  const from = Date.parse(stats.start_date);
  const size = BUCKET_MS[stats.granularity];
  // Each bucket at its own time: a quiet hour is a gap, not the next bucket moved left.
  const placed = stats.buckets
    .map((b) => ({ b, slot: Math.round((Date.parse(b.start) - from) / size) }))
    .filter(({ slot }) => slot >= 0 && slot < SLOTS);
  if (placed.length === 0) return <p class="notice empty">Nothing sent in this period yet.</p>;
  const max = Math.max(1, ...placed.flatMap(({ b }) => values(b)));
  const width = SLOTS * SLOT_WIDTH;
  const labels = Array.from({ length: SLOTS / LABEL_EVERY }, (_, i) => i * LABEL_EVERY);
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${width} ${PLOT_HEIGHT + LABEL_ROOM}`}
        role="img"
        aria-label={`Sent, delivered and failed per ${stats.granularity}`}
      >
        <line class="axis" x1={0} x2={width} y1={PLOT_HEIGHT} y2={PLOT_HEIGHT} />
        {labels.map((slot) => (
          <text key={slot} class="tick" x={slot * SLOT_WIDTH + 1} y={PLOT_HEIGHT + LABEL_ROOM - 3}>
            {slotLabel(from + slot * size, stats.granularity)}
          </text>
        ))}
        {placed.map(({ b, slot }) =>
          values(b).map((v, s) => {
            const h = ((PLOT_HEIGHT - 10) * v) / max;
            return (
              <rect
                key={`${b.start}${s}`}
                class={`bar s${s}`}
                x={slot * SLOT_WIDTH + 1 + s * 4}
                y={PLOT_HEIGHT - h}
                width={BAR_WIDTH}
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
