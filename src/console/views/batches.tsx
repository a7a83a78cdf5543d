// Batches, newest first, with filters and a live progress bar per row; new batches from any client appear live.
import { useState } from "preact/hooks";
import { BatchProgress } from "../components/batch-progress";
import { LocalTime } from "../components/local-time";
import { Empty, ErrorNotice, Loading } from "../components/notice";
import { PAGE_SIZE, Pager } from "../components/pager";
import { progressOf } from "../progress";
import { href } from "../route";
import { api } from "../session";
import { useQuery } from "../use-query";

export function Batches() {
  const [page, setPage] = useState(0);
  const [reference, setReference] = useState("");
  const [sender, setSender] = useState("");
  const query = useQuery(
    () =>
      api().batches.list.query({
        page,
        page_size: PAGE_SIZE,
        ...(reference && { client_reference: reference }),
        ...(sender && { from: sender }),
      }),
    [page, reference, sender],
    (event) => event.type === "batch.created",
  );
  // The rows show as soon as the list arrives; their progress bars fill in from one more (batched) request.
  const ids = query.data?.batches.map((b) => b.id) ?? [];
  const progress = useQuery(
    async () => {
      const reports = await Promise.all(
        ids.map((id) => api().deliveryReports.byBatch.query({ batch_id: id, type: "summary" })),
      );
      return new Map(reports.map((r) => [r.batch_id, progressOf(r)]));
    },
    [ids.join()],
    (event) => event.type === "batch.progress",
  );
  const data = query.data;
  const filter = (set: (value: string) => void, value: string) => {
    set(value);
    setPage(0);
  };

  return (
    <section>
      <h1>Batches</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Client reference
          <input value={reference} onChange={(e) => filter(setReference, e.currentTarget.value)} />
        </label>
        <label>
          Sender
          <input value={sender} onChange={(e) => filter(setSender, e.currentTarget.value)} />
        </label>
      </form>
      <ErrorNotice error={query.error} />
      {!data && query.loading && <Loading />}
      {data && data.batches.length === 0 && (
        <Empty>
          No batches {reference || sender ? "match these filters" : "yet"}. Send one from{" "}
          <a href={href("compose")}>Compose</a>, or with curl or an SDK: it appears here within two seconds.
        </Empty>
      )}
      {data && data.batches.length > 0 && (
        <ul class="rows" aria-label="Batches">
          {data.batches.map((batch) => (
            <li key={batch.id} class="row">
              <div class="row-head">
                <a href={href("batches", batch.id)} class="mono">
                  {batch.id}
                </a>
                <LocalTime iso={batch.created_at} />
              </div>
              <div class="row-meta">
                From {batch.from || "—"} to {batch.to.length}{" "}
                {batch.to.length === 1 ? "recipient" : "recipients"}
                {batch.canceled && <span class="badge bad">Cancelled</span>}
                {batch.client_reference && <span> · ref {batch.client_reference}</span>}
              </div>
              <p class="excerpt">{batch.body}</p>
              <BatchProgress progress={progress.data?.get(batch.id)} />
            </li>
          ))}
        </ul>
      )}
      {data && <Pager page={page} count={data.count} onPage={setPage} label="Batches" />}
    </section>
  );
}
