// One batch: every field, the per-recipient table updating live, "Cancel batch" while something is queued, dry run.
import { useState } from "preact/hooks";
import { BatchProgress } from "../components/batch-progress";
import { DataTable } from "../components/data-table";
import { LocalTime } from "../components/local-time";
import { ErrorNotice, Loading } from "../components/notice";
import { PAGE_SIZE, Pager } from "../components/pager";
import { StatusBadge } from "../components/status-badge";
import type { LiveEvent } from "../live";
import { progressOf } from "../progress";
import { href } from "../route";
import { api, describeError } from "../session";
import { useQuery } from "../use-query";

const forBatch = (id: string) => (event: LiveEvent) =>
  (event.type === "recipient.status" || event.type === "batch.progress") && event.data?.batch_id === id;

export function BatchDetail({ id }: { id: string }) {
  const [page, setPage] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const query = useQuery(
    async () => {
      const [batch, report] = await Promise.all([
        api().batches.get.query({ batch_id: id }),
        api().deliveryReports.byBatch.query({ batch_id: id, type: "full" }),
      ]);
      const recipients = report.statuses
        .flatMap((s) =>
          (s.recipients ?? []).map((recipient) => ({ recipient, status: s.status, code: s.code })),
        )
        .sort((a, b) => a.recipient.localeCompare(b.recipient));
      const shown = recipients.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
      const details = await Promise.all(
        shown.map((r) =>
          api()
            .deliveryReports.byRecipient.query({ batch_id: id, recipient_msisdn: r.recipient })
            .catch(() => undefined),
        ),
      );
      return {
        batch,
        report,
        count: recipients.length,
        rows: shown.map((r, i) => ({ ...r, detail: details[i] })),
      };
    },
    [id, page],
    forBatch(id),
  );
  // Rendered text per recipient: the stored dry run renders parameters the way the send did. Not live: it never changes.
  const rendered = useQuery(async () => {
    const run = await api().batches.dryRunStored.mutate({
      batch_id: id,
      per_recipient: true,
      number_of_recipients: Math.min(1000, (page + 1) * PAGE_SIZE),
    });
    return new Map((run.per_recipient ?? []).map((r) => [r.recipient, r]));
  }, [id, page]);
  const [dryRun, setDryRun] = useState<string | null>(null);

  const data = query.data;
  if (!data) return query.error ? <ErrorNotice error={query.error} /> : <Loading />;
  const { batch, report } = data;
  const progress = progressOf(report);
  const cancellable = !batch.canceled && progress.queued > 0;

  const cancel = async () => {
    setMessage(null);
    try {
      await api().batches.cancel.mutate({ batch_id: id });
      setMessage("Cancelled: recipients still queued will not be sent.");
      query.reload();
    } catch (e) {
      setMessage(describeError(e));
    }
  };
  const runDry = async () => {
    try {
      const run = await api().batches.dryRunStored.mutate({ batch_id: id, per_recipient: false });
      setDryRun(`${run.number_of_recipients} recipients, ${run.number_of_messages} message parts in all.`);
    } catch (e) {
      setDryRun(describeError(e));
    }
  };

  return (
    <section>
      <p>
        <a href={href("batches")}>← Batches</a>
      </p>
      <h1>
        Batch <span class="mono">{batch.id}</span>
      </h1>
      <BatchProgress progress={progress} />
      <div class="actions">
        {cancellable && (
          <button type="button" class="danger" onClick={cancel}>
            Cancel batch
          </button>
        )}
        <button type="button" onClick={runDry}>
          Dry run
        </button>
      </div>
      {message && <p role="status">{message}</p>}
      {dryRun && <p role="status">Dry run: {dryRun}</p>}
      <details class="card">
        <summary>Every field</summary>
        <dl class="fields">
          {Object.entries(batch).map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>
                {key.endsWith("_at") && typeof value === "string" ? (
                  <LocalTime iso={value} />
                ) : typeof value === "string" ? (
                  value
                ) : (
                  JSON.stringify(value)
                )}
              </dd>
            </div>
          ))}
        </dl>
      </details>
      <h2>Recipients</h2>
      <ErrorNotice error={query.error} />
      <DataTable
        rows={data.rows}
        rowKey={(row) => row.recipient}
        columns={[
          {
            label: "Recipient",
            cell: (row) => <a href={href("handsets", row.recipient)}>{row.recipient}</a>,
          },
          {
            label: "Status",
            cell: (row) => (
              <StatusBadge status={row.detail?.status ?? row.status} code={row.detail?.code ?? row.code} />
            ),
          },
          { label: "Time", cell: (row) => <LocalTime iso={row.detail?.at} /> },
          { label: "Text", text: true, cell: (row) => rendered.data?.get(row.recipient)?.body ?? "—" },
          {
            label: "Parts",
            cell: (row) =>
              row.detail?.number_of_message_parts ??
              rendered.data?.get(row.recipient)?.number_of_parts ??
              "—",
          },
          {
            label: "Encoding",
            cell: (row) => row.detail?.encoding ?? rendered.data?.get(row.recipient)?.encoding ?? "—",
          },
        ]}
      />
      <Pager page={page} count={data.count} onPage={setPage} label="Recipients" />
    </section>
  );
}
