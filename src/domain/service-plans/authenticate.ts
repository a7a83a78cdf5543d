// Bearer-token authentication of a service plan, with a short per-isolate cache of the plan and its token hashes.
import type { Db } from "../../db/client";
import { findPlanWithTokenHashes } from "../../db/service-plans";
import type { ServicePlan } from "../context";
import { ApiError } from "../errors";
import { hashToken, timingSafeEqualText } from "./token-hash";

/**
 * A plan's settings and token hashes are read at most once per CACHE_MS per isolate: auth then costs no
 * D1 round trip on the hot path. Changes made through this isolate drop the entry at once; other
 * isolates see a revoked token or changed setting within CACHE_MS.
 */
export const CACHE_MS = 5_000;

interface Entry {
  plan: ServicePlan;
  tokenHashes: string[];
  expires: number;
}

const cache = new Map<string, Entry>();

export function forgetPlan(planId: string): void {
  cache.delete(planId);
}

const unauthorized = () => new ApiError("unauthorized", "Invalid or missing API token for this service plan");

export async function loadPlanAuth(db: Db, planId: string): Promise<Entry | undefined> {
  const now = Date.now();
  const hit = cache.get(planId);
  if (hit && hit.expires > now) return hit;
  const found = await findPlanWithTokenHashes(db, planId);
  if (!found) {
    cache.delete(planId);
    return undefined;
  }
  const entry = { ...found, expires: now + CACHE_MS };
  cache.set(planId, entry);
  return entry;
}

/** The plan, if `token` is one of its live tokens; a 401 otherwise, the same whether or not the plan exists. */
export async function authenticatePlan(
  db: Db,
  planId: string,
  token: string | undefined,
): Promise<ServicePlan> {
  if (!token) throw unauthorized();
  const [entry, hash] = await Promise.all([loadPlanAuth(db, planId), hashToken(token)]);
  if (!entry) throw unauthorized();
  let ok = false;
  for (const candidate of entry.tokenHashes) ok = timingSafeEqualText(candidate, hash) || ok;
  if (!ok) throw unauthorized();
  return entry.plan;
}

/** `Authorization: Bearer <token>` -> token. */
export function bearerToken(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
