// The Sinch webhook endpoint of a plan: verify the signature first, then mirror the callback; answer fast.
import { databaseFor } from "../../db/client";
import { findPlan } from "../../db/service-plans";
import { ServicePlanPath } from "../../domain/schemas/service-plans";
import { receiveSinchWebhook, SinchCallback } from "../../domain/webhooks/sinch";
import { queueClient } from "../../queue/client";
import { empty, readLimitedText } from "../http";
import { type Handler, type Operation, openOperation, parsePath } from "../rest";

const sinchWebhook: Handler = async (request, env, execution) => {
  const planId = parsePath(request, ServicePlanPath).service_plan_id;
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

export const webhookOperations: Operation[] = [
  openOperation(
    {
      method: "POST",
      path: "/webhooks/sinch/:service_plan_id",
      operationId: "receiveSinchCallback",
      summary: "Receive a Sinch callback (plans on the Sinch upstream)",
      description:
        "Set this URL as the callback URL of the Sinch service plan. Requests must carry a valid, fresh Sinch signature (headers `x-sinch-webhook-signature`, `-nonce` and `-timestamp`: HMAC-SHA256 with the plan's Sinch webhook secret, within 5 minutes); anything else is 401.",
      tag: "Webhooks",
      auth: "signature",
      params: ServicePlanPath,
      body: SinchCallback,
      status: 200,
    },
    sinchWebhook,
  ),
];
