// Admin operations on service plans: create, read, change settings, issue and revoke API tokens.
import type { ServicePlanRow } from "../../db/schema";
import {
  findPlan,
  insertPlanWithToken,
  insertToken,
  listPlans,
  listTokens,
  revokeToken,
  rotateToken,
  updatePlan,
} from "../../db/service-plans";
import type { AdminContext } from "../context";
import { ApiError, notFound } from "../errors";
import { newId, randomHex } from "../ids";
import { pageEnvelope } from "../schemas/common";
import {
  type CreateServicePlanRequest,
  DEFAULT_OPT_IN_KEYWORDS,
  DEFAULT_OPT_OUT_KEYWORDS,
  DEFAULT_RATE_LIMIT,
  type IssuedToken,
  type ListServicePlansQuery,
  type ServicePlanSettings,
  sinchRegionUrl,
  type UpdateServicePlanRequest,
  type UpstreamSettings,
} from "../schemas/service-plans";
import { encryptSecret, requireKey } from "../secrets";
import { toIso } from "../time";
import { forgetPlan } from "./authenticate";
import { extraChanges, extraColumns, extraSettings } from "./plan-extras";
import { hashToken } from "./token-hash";

export function toSettings(row: ServicePlanRow): ServicePlanSettings {
  return {
    service_plan_id: row.id,
    name: row.name,
    rate_limit: row.rateLimit,
    default_originator: row.defaultOriginator,
    callback_url: row.callbackUrl,
    webhook_secret: row.webhookSecret,
    auto_encoding: row.autoEncoding,
    opt_out_enabled: row.optOutEnabled,
    opt_out_keywords: optOutKeywords(row),
    opt_in_keywords: optInKeywords(row),
    upstream:
      row.upstream === "sinch"
        ? { type: "sinch", base_url: row.sinchBaseUrl ?? "", service_plan_id: row.sinchServicePlanId ?? "" }
        : { type: "simulator" },
    created_at: toIso(row.createdAt),
    modified_at: toIso(row.modifiedAt),
    ...extraSettings(row),
  };
}

export const optOutKeywords = (row: ServicePlanRow): string[] =>
  row.optOutKeywords === null ? DEFAULT_OPT_OUT_KEYWORDS : (JSON.parse(row.optOutKeywords) as string[]);
export const optInKeywords = (row: ServicePlanRow): string[] =>
  row.optInKeywords === null ? DEFAULT_OPT_IN_KEYWORDS : (JSON.parse(row.optInKeywords) as string[]);

/** The upstream columns of a plan; Sinch secrets are sealed with the gateway's encryption key. */
async function upstreamColumns(upstream: UpstreamSettings, encryptionKey: string | undefined) {
  if (upstream.type === "simulator")
    return {
      upstream: "simulator",
      sinchBaseUrl: null,
      sinchServicePlanId: null,
      sinchApiTokenEncrypted: null,
      sinchWebhookSecretEncrypted: null,
    };
  const key = requireKey(encryptionKey);
  const baseUrl = upstream.base_url ?? sinchRegionUrl(upstream.region ?? "us");
  return {
    upstream: "sinch",
    sinchBaseUrl: baseUrl.replace(/\/+$/, ""),
    sinchServicePlanId: upstream.service_plan_id,
    sinchApiTokenEncrypted: await encryptSecret(key, upstream.api_token),
    sinchWebhookSecretEncrypted: await encryptSecret(key, upstream.webhook_secret),
  };
}

const keywordsColumn = (k: string[] | null | undefined) =>
  k === null || k === undefined ? null : JSON.stringify(k.map((w) => w.toUpperCase()));

export async function createServicePlan(
  { db, now: clock, encryptionKey }: AdminContext,
  req: CreateServicePlanRequest,
): Promise<ServicePlanSettings & IssuedToken> {
  const now = clock();
  const id = req.service_plan_id ?? randomHex(16);
  if (await findPlan(db, id))
    throw new ApiError("syntax_constraint_violation", `service_plan_id: ${id} already exists`);
  const row: ServicePlanRow = {
    id,
    name: req.name ?? null,
    rateLimit: req.rate_limit ?? DEFAULT_RATE_LIMIT,
    defaultOriginator: req.default_originator ?? null,
    callbackUrl: req.callback_url ?? null,
    webhookSecret: req.webhook_secret ?? randomHex(32),
    autoEncoding: req.auto_encoding ?? false,
    optOutEnabled: req.opt_out_enabled ?? true,
    optOutKeywords: keywordsColumn(req.opt_out_keywords),
    optInKeywords: keywordsColumn(req.opt_in_keywords),
    clockOffsetMs: 0,
    ...(await upstreamColumns(req.upstream ?? { type: "simulator" }, encryptionKey)),
    createdAt: now,
    modifiedAt: now,
    ...extraColumns(req),
  };
  const apiToken = req.api_token ?? randomHex(16);
  const tokenId = newId();
  await insertPlanWithToken(db, row, { id: tokenId, tokenHash: await hashToken(apiToken) });
  return { ...toSettings(row), token_id: tokenId, api_token: apiToken };
}

/** Every plan, newest first, with its settings: no secret (webhook, Sinch) and no token hash in the list. */
export async function listServicePlans({ db }: AdminContext, q: ListServicePlansQuery) {
  const { total, rows } = await listPlans(db, q.page, q.page_size);
  const plans = rows.map((row) => {
    const { webhook_secret: _secret, ...settings } = toSettings(row);
    return settings;
  });
  return pageEnvelope("service_plans", total, q.page, plans);
}

export async function getServicePlan({ db }: AdminContext, planId: string): Promise<ServicePlanSettings> {
  const row = await findPlan(db, planId);
  if (!row) throw notFound("Service plan", planId);
  return toSettings(row);
}

export async function updateServicePlan(
  { db, now: clock, encryptionKey }: AdminContext,
  planId: string,
  req: UpdateServicePlanRequest,
): Promise<ServicePlanSettings> {
  const now = clock();
  const row = await updatePlan(db, planId, {
    modifiedAt: now,
    ...(req.name !== undefined && { name: req.name }),
    ...(req.rate_limit !== undefined && { rateLimit: req.rate_limit }),
    ...(req.default_originator !== undefined && { defaultOriginator: req.default_originator }),
    ...(req.callback_url !== undefined && { callbackUrl: req.callback_url }),
    ...(req.webhook_secret !== undefined && { webhookSecret: req.webhook_secret }),
    ...(req.auto_encoding !== undefined && { autoEncoding: req.auto_encoding }),
    ...(req.opt_out_enabled !== undefined && { optOutEnabled: req.opt_out_enabled }),
    ...(req.opt_out_keywords !== undefined && { optOutKeywords: keywordsColumn(req.opt_out_keywords) }),
    ...(req.opt_in_keywords !== undefined && { optInKeywords: keywordsColumn(req.opt_in_keywords) }),
    ...(req.upstream !== undefined && (await upstreamColumns(req.upstream, encryptionKey))),
    ...extraChanges(req),
  });
  if (!row) throw notFound("Service plan", planId);
  forgetPlan(planId);
  return toSettings(row);
}

export async function issueToken({ db, now: clock }: AdminContext, planId: string): Promise<IssuedToken> {
  const now = clock();
  if (!(await findPlan(db, planId))) throw notFound("Service plan", planId);
  const apiToken = randomHex(16);
  const tokenId = newId();
  await insertToken(db, {
    id: tokenId,
    servicePlanId: planId,
    tokenHash: await hashToken(apiToken),
    createdAt: now,
  });
  forgetPlan(planId);
  return { token_id: tokenId, api_token: apiToken };
}

/** A new token for an old one, atomically: the old one stops working as the new one starts. */
export async function rotateApiToken(
  { db, now: clock }: AdminContext,
  planId: string,
  tokenId: string,
): Promise<IssuedToken> {
  const apiToken = randomHex(16);
  const next = { id: newId(), tokenHash: await hashToken(apiToken) };
  if (!(await rotateToken(db, planId, tokenId, next, clock()))) throw notFound("Token", tokenId);
  forgetPlan(planId);
  return { token_id: next.id, api_token: apiToken };
}

export async function revokeApiToken(
  { db, now }: AdminContext,
  planId: string,
  tokenId: string,
): Promise<void> {
  if (!(await revokeToken(db, planId, tokenId, now()))) throw notFound("Token", tokenId);
  forgetPlan(planId);
}

export async function listApiTokens({ db }: AdminContext, planId: string) {
  if (!(await findPlan(db, planId))) throw notFound("Service plan", planId);
  const rows = await listTokens(db, planId);
  return rows.map((t) => ({
    token_id: t.id,
    created_at: toIso(t.createdAt),
    ...(t.revokedAt !== null && { revoked_at: toIso(t.revokedAt) }),
  }));
}
