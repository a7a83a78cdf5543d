// The callback conformance check: posts signed, mis-signed and out-of-order sample callbacks to a receiver and
// says, per case, whether it accepted what is genuine and refused what is not.
import type { PlanContext } from "../context";
import { newId, randomHex } from "../ids";
import type { CallbackCheckCase, CallbackCheckRequest, CallbackCheckResult } from "../schemas/callback-check";
import { signatureHeaders } from "../signature";
import { toIso } from "../time";

const TIMEOUT_MS = 5_000;
/** Older than any sensible replay window (the docs suggest refusing beyond 5 minutes). */
const STALE_MS = 10 * 60_000;
const SAMPLE_RECIPIENT = "46700000000";
const SAMPLE_NUMBER = "12345";

interface Case {
  name: string;
  expected: "2xx" | "4xx";
  /** What is signed; `sent` defaults to it. */
  body: string;
  sent?: string;
  secret: string;
  signedAt: number;
}

function samples(now: number) {
  const batchId = newId();
  const report = (status: string, code: number, at: number) => ({
    type: "recipient_delivery_report_sms",
    batch_id: batchId,
    recipient: SAMPLE_RECIPIENT,
    code,
    status,
    at: toIso(at),
    operator_status_at: toIso(Math.floor(at / 1000) * 1000),
    client_reference: "callback-check",
  });
  const inbound = {
    type: "mo_text",
    id: newId(),
    from: SAMPLE_RECIPIENT,
    to: SAMPLE_NUMBER,
    body: "Callback check",
    received_at: toIso(now),
  };
  return {
    delivered: JSON.stringify(report("Delivered", 0, now)),
    // The body a tamperer would want: the same report, turned into a failure.
    forged: JSON.stringify(report("Failed", 15, now)),
    dispatched: JSON.stringify(report("Dispatched", 401, now - 1_000)),
    inbound: JSON.stringify(inbound),
  };
}

/** The cases in the order they are sent: the out-of-order pair must arrive final first. */
/** Bodies carry the plan's time; signatures the real time, which is what a receiver compares them with. */
function cases(secret: string, now: number, realNow: number): Case[] {
  const s = samples(now);
  const valid = { secret, signedAt: realNow, expected: "2xx" as const };
  const invalid = { ...valid, expected: "4xx" as const };
  return [
    { name: "delivery_report", body: s.delivered, ...valid },
    { name: "inbound", body: s.inbound, ...valid },
    { name: "tampered_body", body: s.delivered, sent: s.forged, ...invalid },
    { name: "wrong_secret", body: s.delivered, ...invalid, secret: randomHex(32) },
    { name: "stale_timestamp", body: s.delivered, ...invalid, signedAt: realNow - STALE_MS },
    { name: "out_of_order_final", body: s.delivered, ...valid },
    { name: "out_of_order_intermediate", body: s.dispatched, ...valid },
  ];
}

const meets = (expected: Case["expected"], status: number | null) =>
  status !== null && (expected === "2xx" ? status >= 200 && status < 300 : status >= 400 && status < 500);

async function post(url: string, c: Case): Promise<number | null> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(await signatureHeaders(c.secret, c.body, c.signedAt)),
      },
      body: c.sent ?? c.body,
      // As for real callbacks: a redirect is an answer (and fails either expectation), not a new address.
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.status;
  } catch {
    return null;
  }
}

/** One case after another, in order, signed with the plan's webhook secret as real callbacks are. */
export async function checkCallbackReceiver(
  ctx: PlanContext,
  req: CallbackCheckRequest,
): Promise<CallbackCheckResult> {
  const results: CallbackCheckCase[] = [];
  for (const c of cases(ctx.plan.webhookSecret, ctx.now(), Date.now())) {
    const status = await post(req.url, c);
    results.push({ name: c.name, expected: c.expected, status, passed: meets(c.expected, status) });
  }
  return { url: req.url, passed: results.every((r) => r.passed), cases: results };
}
