// The callback delivery log: each attempt's URL, status, latency and response excerpt, and "Redeliver".
import { useEffect, useState } from "preact/hooks";
import { capabilities, loadCapabilities } from "../capabilities";
import { LocalTime } from "../components/local-time";
import { Empty, ErrorNotice, Loading } from "../components/notice";
import { PAGE_SIZE, Pager } from "../components/pager";
import { operationsApi } from "../optional-api";
import { describeError } from "../session";
import { useQuery } from "../use-query";

export function Callbacks() {
  useEffect(loadCapabilities, []);
  const available = capabilities.value?.callbacks;
  const [page, setPage] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const query = useQuery(
    async () => (available ? operationsApi().callbacks.list.query({ page, page_size: PAGE_SIZE }) : null),
    [page, available],
    (event) => event.type === "callback.attempt",
  );
  if (capabilities.value === null) return <Loading />;
  if (!available)
    return (
      <section>
        <h1>Callbacks</h1>
        <Empty>
          This gateway has no callback delivery log yet. Callbacks still go out: set a callback URL under
          Settings and watch your receiver.
        </Empty>
      </section>
    );
  const redeliver = async (id: string) => {
    setMessage(null);
    try {
      await operationsApi().callbacks.redeliver.mutate({ callback_id: id });
      setMessage("Sent again: the new attempt appears in the list.");
      query.reload();
    } catch (e) {
      setMessage(describeError(e));
    }
  };
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
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Kind</th>
                <th scope="col">URL</th>
                <th scope="col">Attempt</th>
                <th scope="col">Status</th>
                <th scope="col">Latency</th>
                <th scope="col">Response</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.callbacks.map((c) => (
                <tr key={`${c.id}-${c.attempt}`}>
                  <td data-label="Time">
                    <LocalTime iso={c.at ?? c.created_at} />
                  </td>
                  <td data-label="Kind">{c.kind}</td>
                  <td data-label="URL" class="text">
                    {c.url}
                  </td>
                  <td data-label="Attempt">{c.attempt}</td>
                  <td data-label="Status">
                    {c.status ?? c.error ?? "—"} {c.state ?? c.outcome ?? ""}
                  </td>
                  <td data-label="Latency">{c.latency_ms != null ? `${c.latency_ms} ms` : "—"}</td>
                  <td data-label="Response" class="text">
                    {c.response_excerpt ?? ""}
                  </td>
                  <td data-label="">
                    <button
                      type="button"
                      aria-label={`Redeliver callback ${c.id}`}
                      onClick={() => redeliver(c.id)}
                    >
                      Redeliver
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager page={page} count={data.count} onPage={setPage} label="Callbacks" />}
    </section>
  );
}
