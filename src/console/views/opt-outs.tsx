// The plan's opt-out list: numbers that texted STOP (or were added here); add and remove by hand.
import { useState } from "preact/hooks";
import { DataTable } from "../components/data-table";
import { LocalTime } from "../components/local-time";
import { Empty, ErrorNotice, Loading } from "../components/notice";
import { PAGE_SIZE, Pager } from "../components/pager";
import { href } from "../route";
import { api, describeError } from "../session";
import { useQuery } from "../use-query";

export function OptOuts() {
  const [page, setPage] = useState(0);
  const [number, setNumber] = useState("");
  const [error, setError] = useState<string | null>(null);
  const query = useQuery(
    () => api().optOuts.list.query({ page, page_size: PAGE_SIZE }),
    [page],
    (event) => event.type === "opt_out",
  );
  const change = async (run: () => Promise<unknown>) => {
    setError(null);
    try {
      await run();
      query.reload();
      return true;
    } catch (e) {
      setError(describeError(e));
      return false;
    }
  };
  const data = query.data;
  return (
    <section>
      <h1>Opt-outs</h1>
      <form
        class="inline"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await change(() => api().optOuts.add.mutate({ msisdn: number }))) setNumber("");
        }}
      >
        <label>
          Phone number
          <input required value={number} onInput={(e) => setNumber(e.currentTarget.value)} />
        </label>
        <button type="submit">Add opt-out</button>
      </form>
      <ErrorNotice error={error ?? query.error} />
      {!data && query.loading && <Loading />}
      {data?.opt_outs.length === 0 && (
        <Empty>No number has opted out. A handset that texts STOP to the plan's number appears here.</Empty>
      )}
      {data && data.opt_outs.length > 0 && (
        <DataTable
          rows={data.opt_outs}
          rowKey={(o) => o.msisdn}
          columns={[
            { label: "Number", cell: (o) => <a href={href("handsets", o.msisdn)}>{o.msisdn}</a> },
            { label: "Source", cell: (o) => o.source },
            { label: "Since", cell: (o) => <LocalTime iso={o.created_at} /> },
            {
              label: "",
              cell: (o) => (
                <button
                  type="button"
                  aria-label={`Remove opt-out of ${o.msisdn}`}
                  onClick={() => change(() => api().optOuts.remove.mutate({ msisdn: o.msisdn }))}
                >
                  Remove
                </button>
              ),
            },
          ]}
        />
      )}
      {data && <Pager page={page} count={data.count} onPage={setPage} label="Opt-outs" />}
    </section>
  );
}
