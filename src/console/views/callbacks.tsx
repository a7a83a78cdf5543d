// The callback delivery log: each callback's state, attempts, last status and response; its attempts with
// latency and response excerpt on demand; "Redeliver".
import { useState } from "preact/hooks";
import type { CallbackAttempt } from "../../domain/schemas/callbacks";
import { DataTable } from "../components/data-table";
import { LocalTime } from "../components/local-time";
import { Empty, ErrorNotice, Loading } from "../components/notice";
import { PAGE_SIZE, Pager } from "../components/pager";
import { href } from "../route";
import { api, describeError } from "../session";
import { useQuery } from "../use-query";

export function Callbacks() {
  const [page, setPage] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [attempts, setAttempts] = useState<{ id: string; list: CallbackAttempt[] } | null>(null);
  const query = useQuery(
    async () => api().callbacks.list.query({ page, page_size: PAGE_SIZE }),
    [page],
    (event) => event.type === "callback.attempt",
  );
  const act = async (run: () => Promise<void>) => {
    setMessage(null);
    try {
      await run();
    } catch (e) {
      setMessage(describeError(e));
    }
  };
  const redeliver = (id: string) =>
    act(async () => {
      await api().callbacks.redeliver.mutate({ callback_id: id });
      setMessage("Sent again: the new attempt shows below.");
      query.reload();
    });
  const showAttempts = (id: string) =>
    act(async () => {
      const detail = await api().callbacks.get.query({ callback_id: id });
      setAttempts({ id, list: detail.attempts });
    });
  const data = query.data;
  return (
    <section>
      <h1>Callbacks</h1>
      <ErrorNotice error={query.error} />
      {message && <p role="status">{message}</p>}
      {!data && query.loading && <Loading />}
      {data?.callbacks.length === 0 && (
        <Empty>No callbacks sent yet. Give a batch (or the plan, under Settings) a callback URL.</Empty>
      )}
      {data && data.callbacks.length > 0 && (
        <DataTable
          rows={data.callbacks}
          rowKey={(c) => c.id}
          columns={[
            { label: "Created", cell: (c) => <LocalTime iso={c.created_at} /> },
            {
              label: "Kind",
              cell: (c) => (
                <>
                  {c.kind} {c.batch_id && <a href={href("batches", c.batch_id)}>batch</a>}
                </>
              ),
            },
            { label: "URL", text: true, cell: (c) => c.url },
            { label: "State", cell: (c) => c.state },
            {
              label: "Attempts",
              cell: (c) => (
                <button
                  type="button"
                  class="link"
                  aria-label={`Attempts of callback ${c.id}`}
                  onClick={() => showAttempts(c.id)}
                >
                  {c.attempt_count}
                </button>
              ),
            },
            { label: "Last answer", cell: (c) => c.last_status ?? c.last_error ?? "—" },
            {
              label: "",
              cell: (c) => (
                <button
                  type="button"
                  aria-label={`Redeliver callback ${c.id}`}
                  onClick={() => redeliver(c.id)}
                >
                  Redeliver
                </button>
              ),
            },
          ]}
        />
      )}
      {data && <Pager page={page} count={data.count} onPage={setPage} label="Callbacks" />}
      {attempts && (
        <section class="card" aria-label={`Attempts of callback ${attempts.id}`}>
          <h2>Attempts of {attempts.id}</h2>
          <ol>
            {attempts.list.map((a) => (
              <li key={a.attempt}>
                <LocalTime iso={a.at} /> · {a.status ?? a.error ?? "no answer"} · {a.latency_ms} ms
                {a.response && <pre class="text">{a.response}</pre>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </section>
  );
}
