// Automatic replies to keyword messages (STOP, START, HELP): an ordinary batch from the number the message was
// sent to, back to its sender, through the plan's queue like any other.
import { type AutoReplyKind, hasAutoReply, insertAutoReply } from "../../db/auto-replies";
import type { InboundRow } from "../../db/schema";
import { rowFromRequest } from "../batches/batch-row";
import { handToQueue } from "../batches/queue-handoff";
import type { PlanContext, ServicePlan } from "../context";
import { newId } from "../ids";
import { SendBatchRequest } from "../schemas/batches";
import { optInKeywords, optOutKeywords } from "../service-plans/admin";
import { helpKeywords } from "../service-plans/plan-extras";
import { leadingWords, optChange } from "./keywords";

/** The reply a message's first word calls for, if the plan has a text for it; STOP and START before HELP. */
export function replyFor(plan: ServicePlan, body: string): { kind: AutoReplyKind; text: string } | undefined {
  const [first] = leadingWords(body);
  if (first === undefined) return undefined;
  const change = plan.optOutEnabled ? optChange(first, optOutKeywords(plan), optInKeywords(plan)) : undefined;
  const kind = change ?? (helpKeywords(plan).includes(first) ? "help" : undefined);
  if (kind === undefined) return undefined;
  const text = { opt_out: plan.optOutReply, opt_in: plan.optInReply, help: plan.helpReply }[kind];
  return text === null ? undefined : { kind, text };
}

/**
 * Queues the reply to `inbound`, once however often the message is delivered: the inbound is claimed by
 * this request while it runs, so checking for an earlier reply first cannot race another delivery.
 */
export async function sendAutoReply(ctx: PlanContext, inbound: InboundRow): Promise<void> {
  if (inbound.type !== "mo_text") return;
  const reply = replyFor(ctx.plan, inbound.body);
  if (!reply || (await hasAutoReply(ctx.db, inbound.id, reply.kind))) return;
  const request = SendBatchRequest.safeParse({ to: [inbound.from], from: inbound.to, body: reply.text });
  if (!request.success) {
    // A number the gateway could not send from (or to): the inbound itself is still fine.
    console.warn(JSON.stringify({ event: "auto_reply_skipped", inbound_id: inbound.id, kind: reply.kind }));
    return;
  }
  const row = rowFromRequest(ctx, request.data, { id: newId(), createdAt: ctx.now() });
  await insertAutoReply(ctx.db, row, { inboundId: inbound.id, kind: reply.kind });
  handToQueue(ctx, row);
}
