// Dry run: what a batch would send (recipients, message parts, per-recipient body and encoding), writing nothing.
import { expandTargets } from "../../db/recipients";
import { listRecipientNumbers } from "../../db/reports";
import type { BatchRow } from "../../db/schema";
import type { PlanContext } from "../context";
import type { DryRunQuery, DryRunResponse, Parameters, SendBatchRequest } from "../schemas/batches";
import { chooseEncoding } from "../text/auto-encoding";
import { base64ByteLength, binaryParts, hexByteLength } from "../text/binary";
import { compileTemplate, renderTemplate, type Template } from "../text/parameters";
import { measureText, truncateToOnePart } from "../text/segments";
import { resolveOriginator } from "./batch-object";
import { requireBatch } from "./read";
import { dedupe, resolveTargets } from "./targets";

interface Draft {
  type: "mt_text" | "mt_binary";
  body: string;
  udh?: string | null;
  parameters?: Parameters;
  truncateConcat?: boolean | null;
}

type PerRecipient = NonNullable<DryRunResponse["per_recipient"]>[number];

/**
 * One function decides what a recipient receives and how many parts it costs; the send queue uses
 * the same one, so the dry run cannot disagree with what is sent.
 */
export function messageFor(
  draft: Draft,
  template: Template | undefined,
  recipient: string,
  autoEncoding: boolean,
) {
  if (draft.type === "mt_binary") {
    const parts = binaryParts(base64ByteLength(draft.body) ?? 0, hexByteLength(draft.udh ?? "") ?? 0);
    return { ok: true as const, body: draft.body, parts, encoding: "binary" as const };
  }
  const rendered = template
    ? renderTemplate(template, draft.parameters, recipient)
    : { ok: true as const, text: draft.body };
  if (!rendered.ok) return rendered;
  const chosen = chooseEncoding(rendered.text, { autoEncoding });
  // Encoding first: transliteration may make the text fit one part before truncation is needed.
  if (draft.truncateConcat && chosen.parts > 1) {
    const body = truncateToOnePart(chosen.text);
    return { ok: true as const, body, parts: 1, encoding: measureText(body).encoding };
  }
  return { ok: true as const, body: chosen.text, parts: chosen.parts, encoding: chosen.encoding };
}

function dryRun(ctx: PlanContext, draft: Draft, recipients: string[], q: DryRunQuery): DryRunResponse {
  const template = draft.type === "mt_text" && draft.parameters ? compileTemplate(draft.body) : undefined;
  const auto = ctx.plan.autoEncoding;
  // Without parameters every recipient gets the same text: measure it once.
  const shared = template ? undefined : messageFor(draft, undefined, "", auto);
  let messages = 0;
  const perRecipient: PerRecipient[] = [];
  for (const recipient of recipients) {
    const m = shared ?? messageFor(draft, template, recipient, auto);
    if (!m.ok) continue;
    messages += m.parts;
    if (q.per_recipient && perRecipient.length < q.number_of_recipients)
      perRecipient.push({
        recipient,
        number_of_parts: m.parts,
        body: m.body,
        encoding: m.encoding === "GSM" ? "text" : m.encoding === "UCS2" ? "unicode" : (m.encoding as "text"),
      });
  }
  const out: DryRunResponse = { number_of_recipients: recipients.length, number_of_messages: messages };
  if (q.per_recipient) out.per_recipient = perRecipient;
  return out;
}

/** Sinch's `POST /batches/dry_run`: a would-be batch. */
export async function dryRunRequest(
  ctx: PlanContext,
  req: SendBatchRequest,
  q: DryRunQuery,
): Promise<DryRunResponse> {
  resolveOriginator(ctx, req.from);
  const targets = await resolveTargets(ctx, dedupe(req.to));
  const recipients = await expandTargets(ctx.db, ctx.plan.id, targets);
  return dryRun(ctx, draftOf(req), recipients, q);
}

/** The seed's `POST /batches/{batch_id}/dry_run`: a stored batch, e.g. a scheduled one. */
export async function dryRunStored(
  ctx: PlanContext,
  batchId: string,
  q: DryRunQuery,
): Promise<DryRunResponse> {
  const row = await requireBatch(ctx, batchId);
  const recipients = await listRecipientNumbers(ctx.db, row.id);
  return dryRun(ctx, draftOfRow(row), recipients, q);
}

const draftOf = (req: SendBatchRequest): Draft =>
  req.type === "mt_binary"
    ? { type: req.type, body: req.body, udh: req.udh }
    : { type: req.type, body: req.body, parameters: req.parameters, truncateConcat: req.truncate_concat };

const draftOfRow = (row: BatchRow): Draft => ({
  type: row.type,
  body: row.body,
  udh: row.udh,
  parameters: row.parameters === null ? undefined : (JSON.parse(row.parameters) as Parameters),
  truncateConcat: row.truncateConcat,
});
