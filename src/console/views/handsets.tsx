// Simulated handsets: every number that received messages from the simulator or sent inbounds, latest first.
import { LocalTime } from "../components/local-time";
import { Empty, ErrorNotice, Loading } from "../components/notice";
import { href } from "../route";
import { api } from "../session";
import { useQuery } from "../use-query";

/** How far back the handset list looks: the latest 100 delivered messages and the latest 100 inbounds. */
const WINDOW = 100;

export function Handsets() {
  const query = useQuery(
    async () => {
      const [sent, inbound] = await Promise.all([
        api().simulator.messages.query({ page_size: WINDOW }),
        api().inbounds.list.query({ page_size: WINDOW }),
      ]);
      const latest = new Map<string, { received: number; sent: number; last: string }>();
      const touch = (number: string, at: string, key: "received" | "sent") => {
        const entry = latest.get(number) ?? { received: 0, sent: 0, last: at };
        entry[key]++;
        if (at > entry.last) entry.last = at;
        latest.set(number, entry);
      };
      for (const m of sent.messages) touch(m.to, m.received_at, "received");
      for (const m of inbound.inbounds) touch(m.from, m.received_at, "sent");
      return [...latest.entries()].sort((a, b) => b[1].last.localeCompare(a[1].last));
    },
    [],
    (event) => event.type === "recipient.status" || event.type === "inbound",
  );

  return (
    <section>
      <h1>Handsets</h1>
      <ErrorNotice error={query.error} />
      {!query.data && query.loading && <Loading />}
      {query.data?.length === 0 && (
        <Empty>
          No simulated phone has received or sent a message yet. Send a batch from{" "}
          <a href={href("compose")}>Compose</a>: each recipient becomes a handset here.
        </Empty>
      )}
      {query.data && query.data.length > 0 && (
        <ul class="rows" aria-label="Handsets">
          {query.data.map(([number, info]) => (
            <li key={number} class="row">
              <div class="row-head">
                <a href={href("handsets", number)}>{number}</a>
                <LocalTime iso={info.last} />
              </div>
              <div class="row-meta">
                {info.received} received · {info.sent} sent
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
