// Sinch's webhooks for a plan on the Sinch upstream: signed delivery reports and inbound messages, mirrored here.

import { z } from "zod";
import type { ServicePlanRow } from "../../db/schema";
import { ourBatchIds } from "../../db/upstream-batches";
import { claimNonce, releaseNonce } from "../../db/webhook-nonces";
import type { PlanContext } from "../context";
import type { StatusEvent } from "../delivery/events";
import { ApiError } from "../errors";
import { receiveInbound } from "../inbounds/receive";
import { normalizeMsisdn } from "../msisdn";
import { DELIVERY_STATUSES, type DeliveryStatus } from "../schemas/delivery-reports";
import { decryptSecret, requireKey } from "../secrets";
import { NONCE_HEADER, TIMESTAMP_HEADER, verifySignature } from "../signature";
import { parseIsoTime } from "../time";
import { parseOrThrow } from "../zod-errors";

/** Signed requests older or newer than this are refused: a captured callback cannot be replayed later. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

const refused = () => new ApiError("unauthorized", "Invalid or missing webhook signature");

/**
 * A signed request is accepted while its timestamp is within the window either side of now, so its nonce
 * must be remembered for twice the window to refuse every replay.
 */
const NONCE_RETENTION_MS = 2 * SIGNATURE_WINDOW_MS;

/**
 * One Sinch webhook request: verified, its nonce claimed (a replay of the same signed request is refused
 * with 401, as the SDKs' validators refuse a bad signature, and Sinch does not retry a 401), then applied.
 * A request that fails gives its nonce back, so Sinch's retry of a failed delivery is not refused.
 */
export async function receiveSinchWebhook(
  env: Env,
  deps: Omit<PlanContext, "plan"> & { plan: ServicePlanRow | undefined },
  body: string,
  headers: Headers,
): Promise<void> {
  const now = deps.now();
  const plan = await verifySinchWebhook(env, deps.plan, body, headers, now);
  const nonce = headers.get(NONCE_HEADER) ?? "";
  if (!(await claimNonce(deps.db, plan.id, nonce, now, now - NONCE_RETENTION_MS))) throw refused();
  try {
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch (e) {
      throw new ApiError("syntax_invalid_json", `Malformed JSON: ${(e as Error).message}`);
    }
    await applySinchCallback({ ...deps, plan }, payload);
  } catch (e) {
    await releaseNonce(deps.db, plan.id, nonce).catch(() => undefined);
    throw e;
  }
}

/** 401 unless the request carries a valid, fresh signature made with the plan's Sinch webhook secret. */
export async function verifySinchWebhook(
  env: Env,
  plan: ServicePlanRow | undefined,
  body: string,
  headers: Headers,
  now: number,
): Promise<ServicePlanRow> {
  if (plan?.upstream !== "sinch" || !plan.sinchWebhookSecretEncrypted) throw refused();
  const secret = await decryptSecret(
    requireKey(env.UPSTREAM_ENCRYPTION_KEY),
    plan.sinchWebhookSecretEncrypted,
  );
  const timestamp = Number(headers.get(TIMESTAMP_HEADER));
  if (!Number.isFinite(timestamp) || Math.abs(now - timestamp * 1000) > SIGNATURE_WINDOW_MS) throw refused();
  if (!(await verifySignature(secret, body, headers))) throw refused();
  return plan;
}

const asStatus = (s: unknown): DeliveryStatus | undefined => DELIVERY_STATUSES.find((d) => d === s);

/** What Sinch sends: validated, so a malformed callback is a 400, never a 500. */
export const SinchCallback = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("recipient_delivery_report_sms"),
    batch_id: z.string(),
    recipient: z.string(),
    status: z.string(),
    code: z.number().int(),
    at: z.string().optional(),
    operator_status_at: z.string().optional(),
  }),
  z.object({
    type: z.literal("delivery_report_sms"),
    batch_id: z.string(),
    statuses: z
      .array(
        z.object({ status: z.string(), code: z.number().int(), recipients: z.array(z.string()).optional() }),
      )
      .optional(),
  }),
  z.object({
    type: z.enum(["mo_text", "mo_binary"]),
    id: z.string().min(1),
    from: z.string(),
    to: z.string(),
    body: z.string(),
    udh: z.string().optional(),
    received_at: z.string().optional(),
    sent_at: z.string().optional(),
    operator_id: z.string().optional(),
    client_reference: z.string().optional(),
  }),
]);

/** Applies one verified callback. Duplicates are harmless: statuses never move back, MOs dedupe by Sinch's id. */
export async function applySinchCallback(ctx: PlanContext, payload: unknown): Promise<void> {
  const callback = parseOrThrow(SinchCallback, payload);
  const now = ctx.now();
  switch (callback.type) {
    case "recipient_delivery_report_sms":
    case "delivery_report_sms": {
      const ids = await ourBatchIds(ctx.db, ctx.plan.id, [callback.batch_id]);
      const batchId = ids.get(callback.batch_id);
      if (!batchId) return; // Not ours (or not yet mapped): nothing to mirror.
      const events: StatusEvent[] = [];
      if (callback.type === "recipient_delivery_report_sms") {
        const status = asStatus(callback.status);
        const recipient = normalizeMsisdn(callback.recipient);
        if (status && recipient)
          events.push({
            batchId,
            recipient,
            status,
            code: callback.code,
            at: parseIsoTime(callback.at ?? "") ?? now,
            operatorStatusAt: parseIsoTime(callback.operator_status_at ?? "") ?? null,
          });
      } else {
        for (const s of callback.statuses ?? []) {
          const status = asStatus(s.status);
          if (!status) continue;
          for (const r of s.recipients ?? []) {
            const recipient = normalizeMsisdn(r);
            if (recipient) events.push({ batchId, recipient, status, code: s.code, at: now });
          }
        }
      }
      if (events.length > 0) await ctx.queue.recordEvents(events);
      return;
    }
    case "mo_text":
    case "mo_binary":
      await receiveInbound(ctx, {
        type: callback.type,
        from: normalizeMsisdn(callback.from) ?? callback.from,
        to: normalizeMsisdn(callback.to) ?? callback.to,
        body: callback.body,
        udh: callback.udh ?? null,
        receivedAt: parseIsoTime(callback.received_at ?? "") ?? now,
        sentAt: parseIsoTime(callback.sent_at ?? "") ?? null,
        operatorId: callback.operator_id ?? null,
        clientReference: callback.client_reference ?? null,
        externalId: callback.id,
      });
      return;
  }
}
