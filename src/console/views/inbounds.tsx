// Inbound messages (MO), newest first, paged, arriving live.
import { useState } from "preact/hooks";
import { DataTable } from "../components/data-table";
import { LocalTime } from "../components/local-time";
import { Empty, ErrorNotice, Loading } from "../components/notice";
import { PAGE_SIZE, Pager } from "../components/pager";
import { href } from "../route";
import { api } from "../session";
import { useQuery } from "../use-query";

export function Inbounds() {
  const [page, setPage] = useState(0);
  const query = useQuery(
    () => api().inbounds.list.query({ page, page_size: PAGE_SIZE }),
    [page],
    (event) => event.type === "inbound",
  );
  const data = query.data;
  return (
    <section>
      <h1>Inbounds</h1>
      <ErrorNotice error={query.error} />
      {!data && query.loading && <Loading />}
      {data?.inbounds.length === 0 && (
        <Empty>
          No inbound messages yet. Open a phone under <a href={href("handsets")}>Handsets</a> and send a
          reply.
        </Empty>
      )}
      {data && data.inbounds.length > 0 && (
        <DataTable
          rows={data.inbounds}
          rowKey={(m) => m.id}
          columns={[
            { label: "Received", cell: (m) => <LocalTime iso={m.received_at} /> },
            { label: "From", cell: (m) => <a href={href("handsets", m.from)}>{m.from}</a> },
            { label: "To", cell: (m) => m.to },
            { label: "Message", text: true, cell: (m) => m.body },
          ]}
        />
      )}
      {data && <Pager page={page} count={data.count} onPage={setPage} label="Inbounds" />}
    </section>
  );
}
