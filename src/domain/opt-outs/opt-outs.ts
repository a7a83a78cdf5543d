// Opt-outs: list, add and remove the numbers that asked a plan to stop sending (compliance).
import {
  removeOptOut as deleteOptOut,
  addOptOut as insertOptOut,
  listOptOuts as listRows,
} from "../../db/opt-outs";
import type { PlanContext } from "../context";
import { ApiError, notFound } from "../errors";
import { notifyLive, optOutEvent } from "../live-notify";
import { normalizeMsisdn } from "../msisdn";
import { pageEnvelope } from "../schemas/common";
import type { ListOptOutsQuery, OptOut, OptOutRequest } from "../schemas/opt-outs";
import { toIso } from "../time";

export async function listOptOuts(ctx: PlanContext, q: ListOptOutsQuery) {
  const { total, rows } = await listRows(ctx.db, ctx.plan.id, q.page, q.page_size);
  const items = rows.map(
    (r): OptOut => ({ msisdn: r.msisdn, source: r.source, created_at: toIso(r.createdAt) }),
  );
  return pageEnvelope("opt_outs", total, q.page, items);
}

export async function addOptOut(ctx: PlanContext, req: OptOutRequest): Promise<OptOut> {
  const now = ctx.now();
  if (await insertOptOut(ctx.db, ctx.plan.id, req.msisdn, "api", now))
    notifyLive(ctx, [optOutEvent(req.msisdn, "added")]);
  return { msisdn: req.msisdn, source: "api", created_at: toIso(now) };
}

export async function removeOptOut(ctx: PlanContext, msisdn: string): Promise<void> {
  const number = normalizeMsisdn(msisdn);
  if (number === undefined)
    throw new ApiError("syntax_invalid_parameter_format", `msisdn: '${msisdn}' is not a valid phone number`);
  if (!(await deleteOptOut(ctx.db, ctx.plan.id, number))) throw notFound("Opt-out", number);
  notifyLive(ctx, [optOutEvent(number, "removed")]);
}
