// The Sinch webhook endpoint of a plan: verify the signature first, then mirror the callback; answer fast.
import type { RouterType } from "itty-router";
import { databaseFor } from "../../db/client";
import { findPlan } from "../../db/service-plans";
import { receiveSinchWebhook } from "../../domain/webhooks/sinch";
import { queueClient } from "../../queue/client";
import { empty, pathParam, readLimitedText } from "../http";
import type { Handler } from "../rest";

const sinchWebhook: Handler = async (request, env, execution) => {
  const planId = pathParam(request.params.service_plan_id);
  const db = databaseFor(env, planId);
  const body = await readLimitedText(request);
  const plan = await findPlan(db, planId);
  await receiveSinchWebhook(
    env,
    { db, plan, queue: queueClient(env, planId), now: Date.now, defer: (work) => execution.waitUntil(work) },
    body,
    request.headers,
  );
  return empty(200);
};

export function webhookRoutes(router: RouterType): string[] {
  router.post("/webhooks/sinch/:service_plan_id", sinchWebhook);
  return ["/webhooks/sinch/:service_plan_id"];
}
