// The Sinch webhook endpoint of a plan: verify the signature first, then mirror the callback; answer fast.
import type { RouterType } from "itty-router";
import { databaseFor } from "../../db/client";
import { findPlan } from "../../db/service-plans";
import { ApiError } from "../../domain/errors";
import { applySinchCallback, verifySinchWebhook } from "../../domain/webhooks/sinch";
import { queueClient } from "../../queue/client";
import { empty, pathParam, readLimitedText } from "../http";
import type { Handler } from "../rest";

const sinchWebhook: Handler = async (request, env, execution) => {
  const planId = pathParam(request.params.service_plan_id);
  const db = databaseFor(env, planId);
  const body = await readLimitedText(request);
  const plan = await findPlan(db, planId);
  const now = Date.now();
  await verifySinchWebhook(env, plan, body, request.headers, now);
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch (e) {
    throw new ApiError("syntax_invalid_json", `Malformed JSON: ${(e as Error).message}`);
  }
  if (!plan) throw new ApiError("unauthorized", "Invalid or missing webhook signature");
  await applySinchCallback(
    { db, plan, now: Date.now, queue: queueClient(env, planId), defer: (work) => execution.waitUntil(work) },
    payload,
  );
  return empty(200);
};

export function webhookRoutes(router: RouterType): string[] {
  router.post("/webhooks/sinch/:service_plan_id", sinchWebhook);
  return ["/webhooks/sinch/:service_plan_id"];
}
