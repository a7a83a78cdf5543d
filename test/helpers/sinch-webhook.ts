// Test helpers for Sinch's webhooks: a plan on the Sinch upstream, signed headers, and a POST to its endpoint.
import { env } from "cloudflare:workers";
import { sign } from "../../src/domain/signature";
import { BASE, createPlan, gatewayFetch } from "./gateway";
import { inboxCalls, inboxUrl } from "./receiver";

export const SECRET = "sinch-webhook-secret-of-this-plan";

/** A plan on the Sinch upstream and a batch as if already forwarded to Sinch (scheduled far ahead). */
export async function sinchPlan(secret = SECRET, settings: Record<string, unknown> = {}) {
  const plan = await createPlan({
    ...settings,
    upstream: {
      type: "sinch",
      base_url: "http://127.0.0.1:9",
      service_plan_id: "sinch-plan",
      api_token: "sinch-token",
      webhook_secret: secret,
    },
  });
  const batch = (
    await plan.rest("POST", "/batches", {
      from: "12345",
      to: ["46700000001", "46700000002"],
      body: "x",
      send_at: "2099-01-01T00:00:00Z",
    })
  ).body;
  const upstreamId = `SINCH-${crypto.randomUUID()}`;
  await env.DB.prepare(
    "INSERT INTO upstream_batches (upstream_batch_id, service_plan_id, batch_id, submission, created_at) VALUES (?, ?, ?, 'gw:test', 0)",
  )
    .bind(upstreamId, plan.id, batch.id)
    .run();
  return { plan, batch, upstreamId };
}

/** A plan on the Sinch upstream whose "Sinch" is the local receiver, which answers sends as Sinch does. */
export async function receiverSinchPlan(settings: Record<string, unknown> = {}) {
  const inbox = `sinch-${crypto.randomUUID()}`;
  const plan = await createPlan({
    ...settings,
    upstream: {
      type: "sinch",
      base_url: inboxUrl(inbox),
      service_plan_id: "sinch-plan",
      api_token: "sinch-token",
      webhook_secret: SECRET,
    },
  });
  return { plan, sinchSends: () => inboxCalls(`${inbox}/xms/v1/sinch-plan/batches`) };
}

export async function postWebhook(planId: string, body: string, headers: Record<string, string> = {}) {
  const res = await gatewayFetch(`${BASE}/webhooks/sinch/${planId}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/** Signature headers as Sinch sends them: a fresh nonce, the timestamp in whole seconds. */
export async function signed(secret: string, body: string, at = Date.now()) {
  const nonce = crypto.randomUUID();
  const timestamp = String(Math.floor(at / 1000));
  return {
    "x-sinch-webhook-signature": await sign(secret, body, nonce, timestamp),
    "x-sinch-webhook-signature-nonce": nonce,
    "x-sinch-webhook-signature-timestamp": timestamp,
  };
}
