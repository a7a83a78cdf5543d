// The inbound pipeline: every mobile-originated message, from any source, is stored, applied to keyword groups
// and opt-outs, and forwarded to the plan's callback_url (signed and retried by the plan's queue).
import { and, eq, sql } from "drizzle-orm";
import { atomic } from "../../db/batch";
import { addMembersStatements, removeMembersStatements } from "../../db/groups";
import { addOptOut, removeOptOut } from "../../db/opt-outs";
import { groups, type InboundRow, inbounds } from "../../db/schema";
import type { PlanContext } from "../context";
import { newId } from "../ids";
import type { AutoUpdate } from "../schemas/groups";
import type { InboundMessage } from "../schemas/inbounds";
import { optInKeywords, optOutKeywords } from "../service-plans/admin";
import { toInbound } from "./inbounds";
import { leadingWords, matchesKeyword, optChange } from "./keywords";

export interface InboundInput {
  type: "mo_text" | "mo_binary";
  from: string;
  to: string;
  body: string;
  udh?: string | null;
  receivedAt?: number;
  sentAt?: number | null;
  operatorId?: string | null;
  clientReference?: string | null;
  /** The upstream's own id (Sinch's): a repeated delivery of the same message changes nothing. */
  externalId?: string | null;
}

export async function receiveInbound(
  ctx: PlanContext,
  mo: InboundInput,
): Promise<{ inbound: InboundMessage; duplicate: boolean }> {
  const row = {
    id: newId(),
    servicePlanId: ctx.plan.id,
    type: mo.type,
    from: mo.from,
    to: mo.to,
    body: mo.body,
    udh: mo.udh ?? null,
    receivedAt: mo.receivedAt ?? ctx.now(),
    sentAt: mo.sentAt ?? null,
    operatorId: mo.operatorId ?? null,
    clientReference: mo.clientReference ?? null,
    externalId: mo.externalId ?? null,
    processedAt: null,
  };
  const inserted = await ctx.db
    .insert(inbounds)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: inbounds.id });
  let stored: InboundRow = row;
  if (inserted.length === 0) {
    const existing = await ctx.db
      .select()
      .from(inbounds)
      .where(and(eq(inbounds.servicePlanId, ctx.plan.id), eq(inbounds.externalId, row.externalId ?? "")));
    stored = existing[0] ?? row;
    // Seen and fully handled before: a retried delivery changes nothing.
    if (stored.processedAt !== null) return { inbound: toInbound(stored), duplicate: true };
  }
  // First delivery, or a retry of one that failed half-way: keywords and opt-outs are idempotent.
  const inbound = toInbound(stored);
  if (stored.type === "mo_text")
    await applyKeywords(ctx, { ...mo, from: stored.from, to: stored.to, body: stored.body });
  if (ctx.plan.callbackUrl)
    await ctx.queue.queueCallbacks([{ url: ctx.plan.callbackUrl, body: JSON.stringify(inbound) }]);
  await ctx.db.update(inbounds).set({ processedAt: ctx.now() }).where(eq(inbounds.id, stored.id));
  return { inbound, duplicate: inserted.length === 0 };
}

/** Group auto_update keywords on the number the message was sent to, then STOP/START for the plan. */
async function applyKeywords(ctx: PlanContext, mo: InboundInput): Promise<void> {
  const words = leadingWords(mo.body);
  const candidates = await ctx.db
    .select({ id: groups.id, autoUpdate: groups.autoUpdate })
    .from(groups)
    .where(and(eq(groups.servicePlanId, ctx.plan.id), eq(groups.autoUpdateTo, mo.to)));
  const now = ctx.now();
  const writes = candidates.flatMap((g) => {
    const rule = JSON.parse(g.autoUpdate ?? "{}") as AutoUpdate;
    const join = matchesKeyword(words, rule.add);
    const leave = matchesKeyword(words, rule.remove);
    if (!join && !leave) return [];
    return [
      ...(join ? addMembersStatements(ctx.db, g.id, [mo.from]) : []),
      ...(leave ? removeMembersStatements(ctx.db, g.id, [mo.from]) : []),
      ctx.db.run(sql`UPDATE groups SET modified_at = ${now} WHERE id = ${g.id}`),
    ];
  });
  const [first, ...rest] = writes;
  if (first) await atomic(ctx.db, [first, ...rest]);
  if (!ctx.plan.optOutEnabled) return;
  const change = optChange(words[0], optOutKeywords(ctx.plan), optInKeywords(ctx.plan));
  if (change === "opt_out") await addOptOut(ctx.db, ctx.plan.id, mo.from, words[0] as string, now);
  if (change === "opt_in") await removeOptOut(ctx.db, ctx.plan.id, mo.from);
}
