// Compose a batch: recipients, sender, message with the live part counter, options, dry-run preview and send.
import { useState } from "preact/hooks";
import type { GatewayInputs } from "../../rpc/client";
import { ErrorNotice } from "../components/notice";
import { PartCounter } from "../components/part-counter";
import { navigate } from "../route";
import { api, describeError } from "../session";
import { splitTargets } from "../targets";

type SendInput = GatewayInputs["batches"]["send"];
const REPORT_TYPES = ["none", "summary", "full", "per_recipient", "per_recipient_final"] as const;

/** The parameters field: Sinch's `{ key: { recipient | "default": value } }`, as JSON. */
function parseParameters(text: string): Record<string, Record<string, string>> {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('Parameters must be JSON, for example {"name": {"default": "there"}}.');
  }
}

export function Compose() {
  const [to, setTo] = useState("");
  const [from, setFrom] = useState("");
  const [body, setBody] = useState("");
  const [sendAt, setSendAt] = useState("");
  const [report, setReport] = useState<(typeof REPORT_TYPES)[number] | "">("");
  const [reference, setReference] = useState("");
  const [callbackUrl, setCallbackUrl] = useState("");
  const [parameters, setParameters] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const request = (): SendInput => ({
    to: splitTargets(to),
    body,
    ...(from.trim() && { from: from.trim() }),
    ...(sendAt && { send_at: new Date(sendAt).toISOString() }),
    ...(report && { delivery_report: report }),
    ...(reference.trim() && { client_reference: reference.trim() }),
    ...(callbackUrl.trim() && { callback_url: callbackUrl.trim() }),
    ...(parameters.trim() && { parameters: parseParameters(parameters) }),
  });

  const send = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const batch = await api().batches.send.mutate(request());
      navigate("batches", batch.id);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const dryRun = async () => {
    setError(null);
    try {
      const run = await api().batches.dryRun.mutate({
        ...request(),
        per_recipient: true,
        number_of_recipients: 5,
      });
      const first = run.per_recipient?.[0];
      setPreview(
        `${run.number_of_recipients} recipients, ${run.number_of_messages} parts in all` +
          (first
            ? `. ${first.recipient} gets (${first.encoding}, ${first.number_of_parts} parts): ${first.body}`
            : "."),
      );
    } catch (e) {
      setPreview(null);
      setError(describeError(e));
    }
  };

  return (
    <section>
      <h1>Compose</h1>
      <form class="card compose" onSubmit={send}>
        <label>
          To
          <textarea
            required
            rows={2}
            value={to}
            aria-describedby="to-help"
            onInput={(e) => setTo(e.currentTarget.value)}
          />
        </label>
        <small id="to-help">Phone numbers or group ids, separated by commas or new lines.</small>
        <label>
          From
          <input value={from} onInput={(e) => setFrom(e.currentTarget.value)} placeholder="12345" />
        </label>
        <label>
          Message
          <textarea
            rows={5}
            value={body}
            aria-describedby="counter"
            onInput={(e) => setBody(e.currentTarget.value)}
          />
        </label>
        <PartCounter id="counter" text={body} />
        <details>
          <summary>Options</summary>
          <label>
            Send at (your time zone)
            <input type="datetime-local" value={sendAt} onInput={(e) => setSendAt(e.currentTarget.value)} />
          </label>
          <label>
            Delivery report
            <select
              value={report}
              onChange={(e) => setReport(e.currentTarget.value as (typeof REPORT_TYPES)[number] | "")}
            >
              <option value="">Plan default</option>
              {REPORT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label>
            Client reference
            <input value={reference} onInput={(e) => setReference(e.currentTarget.value)} />
          </label>
          <label>
            Callback URL
            <input type="url" value={callbackUrl} onInput={(e) => setCallbackUrl(e.currentTarget.value)} />
          </label>
          <label>
            Parameters (JSON)
            <textarea
              rows={3}
              value={parameters}
              placeholder='{"name": {"default": "there", "46701234567": "Ann"}}'
              onInput={(e) => setParameters(e.currentTarget.value)}
            />
          </label>
        </details>
        <ErrorNotice error={error} />
        {preview && <p role="status">Dry run: {preview}</p>}
        <div class="actions">
          <button type="button" onClick={dryRun}>
            Dry run
          </button>
          <button type="submit" class="primary" disabled={busy}>
            Send
          </button>
        </div>
      </form>
    </section>
  );
}
