// Test helpers for the send queue: drive its alarm and clock, and read what the simulator and D1 hold.

import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { CrashPoint } from "../../src/domain/delivery/deps";
import { sendQueueFor } from "../../src/queue/client";
import type { SendQueue } from "../../src/queue/send-queue";
import type { TestPlan } from "./gateway";

export const queueOf = (planId: string) => sendQueueFor(env, planId);

/** Freezes the queue's clock at `ms` (pacing, schedules and retries then move only when the test says). */
export async function setClock(planId: string, ms: number): Promise<void> {
  await runInDurableObject(queueOf(planId), (q: SendQueue) => {
    q.overrides.now = () => ms;
  });
}

/** The next dispatch step throws at `point`, once, as a crash there would. */
export async function crashNextStep(planId: string, point: CrashPoint): Promise<void> {
  await runInDurableObject(queueOf(planId), (q: SendQueue) => {
    q.overrides.checkpoint = (reached) => {
      if (reached !== point) return;
      q.overrides.checkpoint = undefined;
      throw new Error(`simulated crash ${point}`);
    };
  });
}

/** Runs the queue's alarm (if set) until `done` holds; fails after `max` rounds. */
export async function runUntil(planId: string, done: () => Promise<boolean>, max = 200): Promise<void> {
  const stub = queueOf(planId);
  for (let i = 0; i < max; i++) {
    if (await done()) return;
    try {
      await runDurableObjectAlarm(stub);
    } catch {
      // A crash injected by a test surfaces here; the next round retries, as the runtime would.
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`queue of ${planId} did not settle`);
}

/** Until the plan's queue holds nothing but (optionally) what waits on the clock. */
export async function drain(planId: string): Promise<void> {
  const stub = queueOf(planId);
  await runUntil(planId, async () => {
    const s = await stub.stats();
    return s.jobs === 0 && s.events === 0 && s.inflight === 0 && s.callbacks === 0;
  });
}

export async function statusesOf(batchId: string): Promise<Record<string, { status: string; code: number }>> {
  const { results } = await env.DB.prepare(
    "SELECT recipient, status, code FROM recipients WHERE batch_id = ?",
  )
    .bind(batchId)
    .all<{ recipient: string; status: string; code: number }>();
  return Object.fromEntries(results.map((r) => [r.recipient, { status: r.status, code: r.code }]));
}

export async function simulatorRows(planId: string) {
  const { results } = await env.DB.prepare(
    "SELECT batch_id, recipient, body, submissions, rowid FROM simulator_messages WHERE service_plan_id = ? ORDER BY rowid",
  )
    .bind(planId)
    .all<{ batch_id: string; recipient: string; body: string; submissions: number; rowid: number }>();
  return results;
}

/**
 * Freezes the queue's clock a second ahead of the real one (so the batch is due at once), sends a 9700 number
 * (the simulator never sends its receipt) expiring a minute later, and waits until it is Dispatched.
 */
export async function sendUnanswered(
  plan: TestPlan,
): Promise<{ id: string; expire_at: string; now: number }> {
  const now = Date.now() + 1_000;
  await setClock(plan.id, now);
  const batch = (
    await plan.rest("POST", "/batches", {
      from: "12345",
      to: ["46700009700"],
      body: "x",
      expire_at: new Date(now + 60_000).toISOString(),
    })
  ).body;
  await runUntil(plan.id, async () => (await statusesOf(batch.id))["46700009700"]?.status === "Dispatched");
  return { ...batch, now };
}
