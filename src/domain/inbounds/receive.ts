// The inbound pipeline: every mobile-originated message, from any source, is stored, applied to keyword groups
// and opt-outs, and forwarded to the plan's callback_url (its outbox row written with the message).
import { atomic } from "../../db/batch";
import {
  addMembersStatements,
  autoUpdateGroupsFor,
  removeMembersStatements,
  touchGroupStatement,
} from "../../db/groups";
import {
  claimUnprocessedInbound,
  findInboundByExternalId,
  insertClaimedInbound,
  markInboundProcessed,
  releaseInboundClaim,
} from "../../db/inbounds";
import { addOptOut, removeOptOut } from "../../db/opt-outs";
import type { InboundRow } from "../../db/schema";
import type { PlanContext } from "../context";
import { ApiError } from "../errors";
import { newId } from "../ids";
import { inboundEvent, notifyLive, optOutEvent } from "../live-notify";
import type { AutoUpdate } from "../schemas/groups";
import type { InboundMessage } from "../schemas/inbounds";
import type { LiveEventInput } from "../schemas/live-events";
import { optInKeywords, optOutKeywords } from "../service-plans/admin";
import { sendAutoReply } from "./auto-reply";
import { toInbound } from "./inbounds";
import { leadingWords, matchesKeyword, optChange } from "./keywords";

/** A claim older than this belongs to a request that died: another delivery may take the message over. */
export const INBOUND_CLAIM_STALE_MS = 60_000;

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

/**
 * Stores the message and runs its effects exactly once however many copies arrive at the same moment:
 * the request whose write claimed the message (the insert, or the claim of an unfinished stored one) runs
 * keywords, opt-outs and the callback; a copy arriving while another holds the claim gets a 503 so the
 * sender retries, and a retry after a failed first delivery finishes the work.
 */
export async function receiveInbound(
  ctx: PlanContext,
  mo: InboundInput,
): Promise<{ inbound: InboundMessage; duplicate: boolean }> {
  const now = ctx.now();
  const row: InboundRow = {
    id: newId(),
    servicePlanId: ctx.plan.id,
    type: mo.type,
    from: mo.from,
    to: mo.to,
    body: mo.body,
    udh: mo.udh ?? null,
    receivedAt: mo.receivedAt ?? now,
    sentAt: mo.sentAt ?? null,
    operatorId: mo.operatorId ?? null,
    clientReference: mo.clientReference ?? null,
    externalId: mo.externalId ?? null,
    processedAt: null,
    claimedAt: now,
  };
  const callbackUrl = ctx.plan.callbackUrl;
  const callback = callbackUrl ? { url: callbackUrl, body: JSON.stringify(toInbound(row)) } : undefined;
  const inserted = await insertClaimedInbound(ctx.db, row, now, callback);
  const stored = inserted ? row : await claimStored(ctx, row.externalId ?? "", now);
  if ("done" in stored) return { inbound: toInbound(stored.done), duplicate: true };
  const inbound = toInbound(stored);
  let optOuts: LiveEventInput[] = [];
  try {
    // Keywords and opt-outs are idempotent, so finishing a half-done first delivery repeats nothing harmful.
    if (stored.type === "mo_text")
      optOuts = await applyKeywords(ctx, { ...mo, from: stored.from, to: stored.to, body: stored.body });
    await sendAutoReply(ctx, stored);
    // The callback was stored with the message; a lost wake-up is the cron watchdog's to repair.
    if (callback) await ctx.queue.callbacksPending();
  } catch (e) {
    await releaseInboundClaim(ctx.db, stored.id).catch(() => undefined);
    throw e;
  }
  await markInboundProcessed(ctx.db, stored.id, ctx.now());
  notifyLive(ctx, [inboundEvent(inbound), ...optOuts]);
  return { inbound, duplicate: !inserted };
}

/** A message seen before: ours to finish if unfinished and unclaimed, done if processed, else busy. */
async function claimStored(
  ctx: PlanContext,
  externalId: string,
  now: number,
): Promise<InboundRow | { done: InboundRow }> {
  const claimed = await claimUnprocessedInbound(
    ctx.db,
    ctx.plan.id,
    externalId,
    now,
    now - INBOUND_CLAIM_STALE_MS,
  );
  if (claimed) return claimed;
  const existing = await findInboundByExternalId(ctx.db, ctx.plan.id, externalId);
  if (existing?.processedAt != null) return { done: existing };
  throw new ApiError(
    "service_unavailable",
    "This message is being processed by another delivery; retry later",
  );
}

/**
 * Group auto_update keywords on the number the message was sent to, then STOP/START for the plan; returns the
 * opt-out change as a live event when there was one.
 */
async function applyKeywords(ctx: PlanContext, mo: InboundInput): Promise<LiveEventInput[]> {
  const words = leadingWords(mo.body);
  const candidates = await autoUpdateGroupsFor(ctx.db, ctx.plan.id, mo.to);
  const now = ctx.now();
  const writes = candidates.flatMap((g) => {
    const rule = JSON.parse(g.autoUpdate ?? "{}") as AutoUpdate;
    const join = matchesKeyword(words, rule.add);
    const leave = matchesKeyword(words, rule.remove);
    if (!join && !leave) return [];
    return [
      ...(join ? addMembersStatements(ctx.db, g.id, [mo.from]) : []),
      ...(leave ? removeMembersStatements(ctx.db, g.id, [mo.from]) : []),
      touchGroupStatement(ctx.db, g.id, now),
    ];
  });
  const [first, ...rest] = writes;
  if (first) await atomic(ctx.db, [first, ...rest]);
  if (!ctx.plan.optOutEnabled) return [];
  const change = optChange(words[0], optOutKeywords(ctx.plan), optInKeywords(ctx.plan));
  if (change === "opt_out" && (await addOptOut(ctx.db, ctx.plan.id, mo.from, words[0] as string, now)))
    return [optOutEvent(mo.from, "added")];
  if (change === "opt_in" && (await removeOptOut(ctx.db, ctx.plan.id, mo.from)))
    return [optOutEvent(mo.from, "removed")];
  return [];
}
