// Gateway B of the sinch project: a second, whole gateway standing in for Sinch's REST API for this one.
import { env } from "cloudflare:workers";
import { createPlan, type TestPlan } from "./gateway";

/** A call to gateway B, answered as JSON. */
export async function onB(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${env.TEST_GATEWAY_B}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as any;
}

/** A plan on B, and a plan here (unpaced, plus `settings`) whose Sinch upstream is that plan on B. */
export async function planSendingToB(
  settings: Record<string, unknown> = {},
): Promise<{ a: TestPlan; b: any }> {
  const b = await onB("POST", "/admin/v1/service_plans", env.TEST_E2E_ADMIN_TOKEN, { name: "stand-in" });
  const a = await createPlan({
    rate_limit: 0,
    ...settings,
    upstream: {
      type: "sinch",
      base_url: env.TEST_GATEWAY_B,
      service_plan_id: b.service_plan_id,
      api_token: b.api_token,
      webhook_secret: b.webhook_secret,
    },
  });
  return { a, b };
}
