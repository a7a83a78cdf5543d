// Scripted handset replies (simulator rules): each arrives through the inbound pipeline, like a real MO.
import type { PlanContext } from "../context";
import type { LaterReply } from "../delivery/later-reply";
import { receiveInbound } from "../inbounds/receive";

/** Idempotent per answered message: its key is the inbound's upstream id, so a repeat changes nothing. */
export async function receiveScriptedReply(ctx: PlanContext, reply: LaterReply): Promise<void> {
  await receiveInbound(ctx, {
    type: "mo_text",
    from: reply.from,
    to: reply.to,
    body: reply.body,
    sentAt: reply.dueAt,
    externalId: `simulator-reply:${reply.key}`,
  });
}
