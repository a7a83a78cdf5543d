// The Sinch upstream: forwards each dispatch step's messages as Sinch batches (one per our batch), maps Sinch's ids
// back to ours, and finds what Sinch already has after a crash by the client_reference it was sent with.

import { decodeTime } from "ulidx";
import { findBatches } from "../db/batches";
import type { Db } from "../db/client";
import type { BatchRow, ServicePlanRow } from "../db/schema";
import { mappedUpstreamIds, recordUpstreamBatch, upstreamBatchesOf } from "../db/upstream-batches";
import { CODES } from "../domain/delivery/codes";
import type { StatusEvent, SubmitOutcome } from "../domain/delivery/events";
import type { Parameters } from "../domain/schemas/batches";
import { decryptSecret, requireKey } from "../domain/secrets";
import { toIso } from "../domain/time";
import { type OutboundMessage, type Upstream, UpstreamUnavailable } from "./upstream";

/** Sinch's clock and ours may disagree a little: look back this far before a submission's start. */
const CLOCK_SKEW_MS = 60_000;

const TIMEOUT_MS = 15_000;

export interface SinchConnection {
  baseUrl: string;
  servicePlanId: string;
  apiToken: string;
  /** Where Sinch should send delivery reports for what we forward. */
  webhookUrl: string | undefined;
}

export async function sinchConnection(env: Env, plan: ServicePlanRow): Promise<SinchConnection> {
  const key = requireKey(env.UPSTREAM_ENCRYPTION_KEY);
  return {
    baseUrl: plan.sinchBaseUrl ?? "",
    servicePlanId: plan.sinchServicePlanId ?? "",
    apiToken: await decryptSecret(key, plan.sinchApiTokenEncrypted ?? ""),
    webhookUrl: env.PUBLIC_URL
      ? `${env.PUBLIC_URL.replace(/\/+$/, "")}/webhooks/sinch/${plan.id}`
      : undefined,
  };
}

/**
 * The client_reference Sinch gets: the user's own, preserved; else our submission key. Either way a
 * restart can look the forwarded batch up by it (and by its recipients) instead of sending again.
 */
const referenceOf = (row: BatchRow, submission: string) =>
  row.clientReference ?? `gw:${submission}:${row.id}`;

const sameRecipients = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join(",") === [...b].sort().join(",");

/** Only the parameter values these recipients (and `default`) need travel upstream. */
function parametersFor(parameters: Parameters | undefined, recipients: string[]): Parameters | undefined {
  if (!parameters) return undefined;
  const out: Parameters = {};
  for (const [key, values] of Object.entries(parameters)) {
    const kept: Record<string, string> = {};
    for (const r of [...recipients, "default"]) if (values[r] !== undefined) kept[r] = values[r] as string;
    out[key] = kept;
  }
  return out;
}

/** Sinch's send body for our batch and these recipients; send_at is ours to keep, so it is not sent. */
function sinchBody(row: BatchRow, recipients: string[], reference: string, webhookUrl: string | undefined) {
  const common = {
    to: recipients,
    from: row.from,
    delivery_report: "per_recipient",
    expire_at: toIso(row.expireAt),
    client_reference: reference,
    ...(webhookUrl && { callback_url: webhookUrl }),
    ...(row.fromTon !== null && { from_ton: row.fromTon }),
    ...(row.fromNpi !== null && { from_npi: row.fromNpi }),
    ...(row.feedbackEnabled && { feedback_enabled: true }),
  };
  if (row.type === "mt_binary") return { ...common, type: "mt_binary", body: row.body, udh: row.udh ?? "" };
  const parameters = row.parameters === null ? undefined : (JSON.parse(row.parameters) as Parameters);
  return {
    ...common,
    type: "mt_text",
    body: row.body,
    ...(parameters && { parameters: parametersFor(parameters, recipients) }),
    ...(row.flashMessage && { flash_message: true }),
    ...(row.maxNumberOfMessageParts !== null && { max_number_of_message_parts: row.maxNumberOfMessageParts }),
    ...(row.truncateConcat !== null && { truncate_concat: row.truncateConcat }),
  };
}

async function call(conn: SinchConnection, method: string, path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(`${conn.baseUrl}/xms/v1/${conn.servicePlanId}${path}`, {
      method,
      headers: { authorization: `Bearer ${conn.apiToken}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new UpstreamUnavailable(`Sinch unreachable: ${(error as Error).message}`);
  }
}

function groupByBatch(messages: OutboundMessage[]): Map<string, OutboundMessage[]> {
  const groups = new Map<string, OutboundMessage[]>();
  for (const m of messages) {
    const list = groups.get(m.batchId) ?? [];
    list.push(m);
    groups.set(m.batchId, list);
  }
  return groups;
}

const dispatched = (messages: OutboundMessage[], at: number): StatusEvent[] =>
  messages.map((m) => ({ batchId: m.batchId, recipient: m.recipient, ...CODES.dispatched, at }));

export function sinchUpstream(env: Env, plan: ServicePlanRow, db: Db): Upstream {
  let connection: Promise<SinchConnection> | undefined;
  const conn = () => {
    connection ??= sinchConnection(env, plan);
    return connection;
  };

  return {
    async submit(messages, now): Promise<SubmitOutcome> {
      const c = await conn();
      const groups = groupByBatch(messages);
      const rows = new Map((await findBatches(db, plan.id, [...groups.keys()])).map((r) => [r.id, r]));
      const events: StatusEvent[] = [];
      for (const [batchId, group] of groups) {
        const row = rows.get(batchId);
        if (!row) continue;
        const reference = referenceOf(row, group[0]?.submission ?? "");
        const recipients = group.map((m) => m.recipient);
        const res = await call(c, "POST", "/batches", sinchBody(row, recipients, reference, c.webhookUrl));
        const text = await res.text();
        if (res.status === 429 || res.status >= 500)
          throw new UpstreamUnavailable(
            `Sinch answered ${res.status} for batch ${batchId}: ${text.slice(0, 200)}`,
          );
        if (res.status >= 400) {
          console.error("Sinch refused a forwarded batch", batchId, res.status, text.slice(0, 500));
          events.push(
            ...group.map((m) => ({
              batchId,
              recipient: m.recipient,
              ...CODES.upstreamRefused,
              at: now,
            })),
          );
          continue;
        }
        const sinchId = (JSON.parse(text) as { id: string }).id;
        await recordUpstreamBatch(db, {
          upstreamBatchId: sinchId,
          servicePlanId: plan.id,
          batchId,
          submission: reference,
          createdAt: now,
        });
        events.push(...dispatched(group, now));
      }
      // Receipts come later through Sinch's webhooks, not from here.
      return { events, later: [] };
    },

    async reconcile(messages, now) {
      const c = await conn();
      const known = new Set<string>();
      const events: StatusEvent[] = [];
      const groups = groupByBatch(messages);
      const rows = new Map((await findBatches(db, plan.id, [...groups.keys()])).map((r) => [r.id, r]));
      for (const [batchId, group] of groups) {
        const row = rows.get(batchId);
        if (!row) continue;
        const submission = group[0]?.submission ?? "";
        const reference = referenceOf(row, submission);
        // Only Sinch batches created since this submission began can be it (the id is a ULID: it has the time).
        const since = new Date(decodeTime(submission) - CLOCK_SKEW_MS).toISOString();
        const res = await call(
          c,
          "GET",
          `/batches?client_reference=${encodeURIComponent(reference)}&start_date=${encodeURIComponent(since)}&page_size=100`,
        );
        if (res.status >= 400) throw new UpstreamUnavailable(`Sinch list answered ${res.status}`);
        // A reused user reference can match several batches: the recipients tell them apart, and one
        // already mapped to another of our batches is not this one.
        const recipients = group.map((m) => m.recipient);
        const candidates = ((await res.json()) as { batches?: { id: string; to: string[] }[] }).batches ?? [];
        const taken = await mappedUpstreamIds(
          db,
          plan.id,
          candidates.map((b) => b.id),
        );
        const found = candidates.find(
          (b) => (taken.get(b.id) ?? batchId) === batchId && sameRecipients(b.to, recipients),
        );
        if (!found) continue;
        await recordUpstreamBatch(db, {
          upstreamBatchId: found.id,
          servicePlanId: plan.id,
          batchId,
          submission: reference,
          createdAt: now,
        });
        for (const m of group) known.add(m.key);
        events.push(...dispatched(group, now));
      }
      return { events, later: [], known };
    },

    async cancel(batchId) {
      const c = await conn();
      for (const id of await upstreamBatchesOf(db, plan.id, batchId)) {
        const res = await call(c, "DELETE", `/batches/${encodeURIComponent(id)}`);
        if (res.status >= 400 && res.status !== 404) console.error("Sinch cancel failed", id, res.status);
        await res.body?.cancel();
      }
    },
  };
}
