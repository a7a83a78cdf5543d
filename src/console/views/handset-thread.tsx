// One simulated phone as a thread: messages it received and inbounds it sent; reply, or STOP/START in one click.
import { useState } from "preact/hooks";
import { LocalTime } from "../components/local-time";
import { Empty, ErrorNotice, Loading } from "../components/notice";
import { StatusBadge } from "../components/status-badge";
import { href } from "../route";
import { api, describeError } from "../session";
import { useQuery } from "../use-query";

const WINDOW = 100;

interface Bubble {
  key: string;
  direction: "in" | "out";
  body: string;
  at: string;
  peer: string;
  status?: string;
  code?: number;
  batchId?: string;
}

export function HandsetThread({ msisdn }: { msisdn: string }) {
  const [reply, setReply] = useState("");
  const [replyTo, setReplyTo] = useState("");
  const [error, setError] = useState<string | null>(null);
  const query = useQuery(
    async () => {
      const [received, inbound, optOuts] = await Promise.all([
        api().simulator.messages.query({ to: msisdn, page_size: WINDOW }),
        api().inbounds.list.query({ page_size: WINDOW }),
        api().optOuts.list.query({ page_size: 100 }),
      ]);
      const bubbles: Bubble[] = [
        ...received.messages.map((m, i) => ({
          key: `r${m.batch_id}${i}`,
          direction: "in" as const,
          body: m.body,
          at: m.received_at,
          peer: m.from,
          status: m.status,
          code: m.code,
          batchId: m.batch_id,
        })),
        ...inbound.inbounds
          .filter((m) => m.from === msisdn)
          .map((m) => ({
            key: m.id,
            direction: "out" as const,
            body: m.body,
            at: m.received_at,
            peer: m.to,
          })),
      ].sort((a, b) => a.at.localeCompare(b.at));
      const optedOut = optOuts.opt_outs.some((o) => o.msisdn === msisdn);
      const lastSender = received.messages[0]?.from;
      return { bubbles, optedOut, lastSender };
    },
    [msisdn],
    (event) =>
      (event.type === "recipient.status" && event.data?.recipient === msisdn) ||
      (event.type === "inbound" && event.data?.from === msisdn) ||
      event.type === "opt_out",
  );
  const to = replyTo || query.data?.lastSender || "";

  const send = async (body: string) => {
    setError(null);
    if (!to) {
      setError("Say which number the handset texts (the plan's sender, e.g. 12345).");
      return;
    }
    try {
      await api().simulator.sendInbound.mutate({ from: msisdn, to, body });
      setReply("");
      query.reload();
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <section>
      <p>
        <a href={href("handsets")}>← Handsets</a>
      </p>
      <h1>Handset {msisdn}</h1>
      {query.data?.optedOut && <p class="badge bad">Opted out: new batches to this number are rejected.</p>}
      <ErrorNotice error={query.error} />
      {!query.data && query.loading && <Loading />}
      {query.data?.bubbles.length === 0 && <Empty>Nothing sent to or from this number yet.</Empty>}
      <ol class="thread" aria-label={`Messages of ${msisdn}`}>
        {query.data?.bubbles.map((b) => (
          <li key={b.key} class={`bubble ${b.direction}`}>
            <p>{b.body}</p>
            <small>
              {b.direction === "in" ? `from ${b.peer}` : `to ${b.peer}`} · <LocalTime iso={b.at} />
              {b.status && (
                <>
                  {" "}
                  · <StatusBadge status={b.status} code={b.code} />
                </>
              )}
              {b.batchId && (
                <>
                  {" "}
                  · <a href={href("batches", b.batchId)}>batch</a>
                </>
              )}
            </small>
          </li>
        ))}
      </ol>
      <form
        class="card reply"
        onSubmit={(e) => {
          e.preventDefault();
          void send(reply);
        }}
      >
        <label>
          Reply
          <textarea rows={2} required value={reply} onInput={(e) => setReply(e.currentTarget.value)} />
        </label>
        <label>
          To number
          <input value={to} onInput={(e) => setReplyTo(e.currentTarget.value)} placeholder="12345" />
        </label>
        <ErrorNotice error={error} />
        <div class="actions">
          <button type="submit" class="primary">
            Send reply
          </button>
          <button type="button" onClick={() => send("STOP")}>
            Send STOP
          </button>
          <button type="button" onClick={() => send("START")}>
            Send START
          </button>
        </div>
      </form>
    </section>
  );
}
