// Fixture factories that put state in D1 the way later pipelines will (delivery status events, inbound messages).
import { env } from "cloudflare:workers";
import { databaseFor } from "../../src/db/client";
import { findPlan } from "../../src/db/service-plans";
import { newId } from "../../src/domain/ids";
import { storeInbound } from "../../src/domain/inbounds/inbounds";
import type { InboundMessage } from "../../src/domain/schemas/inbounds";
import { queueClient } from "../../src/queue/client";

/** What a delivery status event from the upstream will do to one recipient row. */
export async function setRecipientStatus(
  batchId: string,
  recipient: string,
  status: string,
  code: number,
  at = Date.now(),
) {
  await env.DB.prepare(
    "UPDATE recipients SET status = ?, code = ?, at = ? WHERE batch_id = ? AND recipient = ?",
  )
    .bind(status, code, at, batchId, recipient)
    .run();
}

/** Stores an inbound through the same repository function the inbound pipeline uses. */
export async function insertInboundFixture(
  planId: string,
  fields: { from: string; to: string; body: string; receivedAt?: number; clientReference?: string },
): Promise<InboundMessage> {
  const db = databaseFor(env);
  const plan = await findPlan(db, planId);
  if (!plan) throw new Error(`no plan ${planId}`);
  return storeInbound(
    { db, plan, now: Date.now, queue: queueClient(env, planId), defer: () => undefined },
    {
      id: newId(),
      servicePlanId: planId,
      type: "mo_text",
      from: fields.from,
      to: fields.to,
      body: fields.body,
      receivedAt: fields.receivedAt ?? Date.now(),
      clientReference: fields.clientReference ?? null,
    },
  );
}

/** A pending MO callback in the plan's outbox, as the inbound pipeline writes it; answers its id. */
export async function insertCallbackFixture(planId: string, url: string): Promise<string> {
  const id = newId();
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO callbacks (id, service_plan_id, kind, inbound_id, url, body, state, attempts, next_at, created_at)
     VALUES (?, ?, 'inbound', ?, ?, ?, 'pending', 0, ?, ?)`,
  )
    .bind(id, planId, id, url, JSON.stringify({ type: "mo_text", id }), now + 3_600_000, now)
    .run();
  return id;
}
