// Dry run: what a batch would send (recipients, message parts, per-recipient body and encoding), writing nothing.
import { expandTargets } from "../../db/recipients";
import { listRecipientNumbers } from "../../db/reports";
import type { PlanContext } from "../context";
import type { DryRunQuery, DryRunResponse, SendBatchRequest } from "../schemas/batches";
import { DRY_RUN_ENCODING } from "../text/encoding-names";
import { compileTemplate } from "../text/parameters";
import { effectiveTimes, resolveOriginator } from "./batch-row";
import { requireBatch } from "./read";
import { type Draft, draftOfRow, renderFor } from "./render";
import { dedupe, resolveTargets } from "./targets";

type PerRecipient = NonNullable<DryRunResponse["per_recipient"]>[number];

/** Parts are counted as sent; recipients that would fail (405, 411) are counted but send nothing. */
function dryRun(ctx: PlanContext, draft: Draft, recipients: string[], q: DryRunQuery): DryRunResponse {
  const auto = ctx.plan.autoEncoding;
  // Without parameters every recipient gets the same text: render it once.
  const shared = draft.template ? undefined : renderFor({ ...draft, maxParts: null }, "", auto);
  let messages = 0;
  const perRecipient: PerRecipient[] = [];
  for (const recipient of recipients) {
    const m = shared ?? renderFor({ ...draft, maxParts: null }, recipient, auto);
    if (!m.ok) continue;
    messages += m.parts;
    if (q.per_recipient && perRecipient.length < q.number_of_recipients)
      perRecipient.push({
        recipient,
        number_of_parts: m.parts,
        body: m.body,
        encoding: DRY_RUN_ENCODING[m.encoding] as PerRecipient["encoding"],
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
  effectiveTimes(ctx.now(), req.send_at, req.expire_at);
  const targets = await resolveTargets(ctx, dedupe(req.to));
  const recipients = await expandTargets(ctx.db, ctx.plan.id, targets);
  const draft: Draft =
    req.type === "mt_binary"
      ? { type: req.type, body: req.body, udh: req.udh }
      : {
          type: req.type,
          body: req.body,
          parameters: req.parameters,
          truncateConcat: req.truncate_concat,
          template: req.parameters ? compileTemplate(req.body) : undefined,
        };
  return dryRun(ctx, draft, recipients, q);
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
