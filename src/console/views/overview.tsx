// Overview: today's counts by status and per-hour chart (statistics), queue depth, callback failures, live feed.
import { ActivityChart } from "../components/activity-chart";
import { Empty, ErrorNotice } from "../components/notice";
import { recentEvents } from "../live";
import { progressOf } from "../progress";
import { api } from "../session";
import { useQuery } from "../use-query";

const startOfToday = () => {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
};

export function Overview() {
  const query = useQuery(
    async () => {
      // Queue depth: recipients still Queued in the latest batches (one batched request).
      const list = await api().batches.list.query({ page_size: 30 });
      const reports = await Promise.all(
        list.batches.map((b) => api().deliveryReports.byBatch.query({ batch_id: b.id, type: "summary" })),
      );
      const queued = reports.reduce((sum, r) => sum + progressOf(r).queued, 0);
      const [stats, gaveUp] = await Promise.all([
        api().stats.get.query({ granularity: "hour", start_date: startOfToday() }),
        api().callbacks.list.query({ page: 0, page_size: 1, state: "gave_up" }),
      ]);
      return { queued, stats, failures: gaveUp.count };
    },
    [],
    (event) => event.type === "batch.progress" || event.type === "callback.attempt",
  );
  const data = query.data;
  const totals = data?.stats?.totals;
  return (
    <section>
      <h1>Overview</h1>
      <ErrorNotice error={query.error} />
      <ul class="tiles" aria-label="Today">
        <Tile label="Accepted today" value={totals?.accepted} />
        <Tile label="Delivered today" value={totals?.delivered} />
        <Tile
          label="Failed today"
          value={totals ? totals.failed + totals.expired + totals.aborted : undefined}
        />
        <Tile label="Rejected today" value={totals?.rejected} />
        <Tile label="Queued now (latest batches)" value={data?.queued} />
        <Tile label="Callbacks given up" value={data?.failures ?? undefined} />
      </ul>
      {data?.stats && <ActivityChart stats={data.stats} />}
      <h2>Live events</h2>
      {recentEvents.value.length === 0 ? (
        <Empty>No events since this page opened. Send a batch and watch them arrive here.</Empty>
      ) : (
        <ol class="feed" aria-label="Live events">
          {recentEvents.value.map((e) => (
            <li key={e.seq}>
              <span class="mono">{e.type}</span> {summarise(e.data)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Tile({ label, value }: { label: string; value: number | undefined }) {
  return (
    <li class="tile">
      <span class="tile-value">{value ?? "—"}</span>
      <span class="tile-label">{label}</span>
    </li>
  );
}

const summarise = (data: Record<string, unknown> | undefined) =>
  data
    ? Object.entries(data)
        .filter(([, v]) => typeof v !== "object")
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(" ")
    : "";
