// Request authentication: a plan's bearer token for /xms and /trpc, the admin token for /admin.
import { databaseFor } from "../db/client";
import type { AdminContext, PlanContext } from "../domain/context";
import { ApiError } from "../domain/errors";
import { authenticatePlan, bearerToken } from "../domain/service-plans/authenticate";
import { hashToken, timingSafeEqualText } from "../domain/service-plans/token-hash";
import { queueClient, sendQueueFor } from "../queue/client";

export async function planContext(
  env: Env,
  planId: string,
  authorization: string | null,
  defer: PlanContext["defer"],
): Promise<PlanContext> {
  const db = databaseFor(env, planId);
  const plan = await authenticatePlan(db, planId, bearerToken(authorization));
  // The plan clock (simulator plans may run ahead): accept-time checks and timestamps follow it.
  const now = () => Date.now() + plan.clockOffsetMs;
  return { db, plan, now, queue: queueClient(env, planId), defer };
}

/** The admin services' context, built once per call from the bindings. */
export const adminContext = (env: Env): AdminContext => ({
  db: databaseFor(env),
  now: Date.now,
  encryptionKey: env.UPSTREAM_ENCRYPTION_KEY,
  stopQueue: (planId) => sendQueueFor(env, planId).stop(),
});

/** The admin API is off (every call 401) when ADMIN_TOKEN is not set. */
export async function assertAdmin(env: Env, authorization: string | null): Promise<void> {
  const token = bearerToken(authorization);
  const expected = env.ADMIN_TOKEN;
  // Comparing hashes keeps the comparison constant-time whatever the lengths.
  if (!expected || !token || !timingSafeEqualText(await hashToken(token), await hashToken(expected)))
    throw new ApiError("unauthorized", "Invalid or missing admin token");
}
