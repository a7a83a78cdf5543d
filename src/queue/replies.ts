// The queue object's scripted handset replies: held in its SQLite until due, then received as inbound messages.
import { databaseFor } from "../db/client";
import type { ServicePlanRow } from "../db/schema";
import type { PlanContext, QueueClient } from "../domain/context";
import type { LaterReply } from "../domain/delivery/later-reply";
import { receiveScriptedReply } from "../domain/simulator/replies";

/** The storage step that adds the table (appended to the object's STEPS). */
export const REPLIES_STEP = [
  `CREATE TABLE IF NOT EXISTS replies (key TEXT PRIMARY KEY, due_at INTEGER NOT NULL, reply TEXT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS replies_due ON replies (due_at)`,
];

const REPLIES_PER_RUN = 50;
/** A reply whose inbound could not be stored (D1 busy, a claim held) waits this long before the next try. */
const RETRY_MS = 5_000;

/** Idempotent per answered message: a resubmission after a crash schedules nothing twice. */
export function addReplies(sql: SqlStorage, replies: LaterReply[]): void {
  for (const r of replies)
    sql.exec(
      `INSERT OR IGNORE INTO replies (key, due_at, reply) VALUES (?, ?, ?)`,
      r.key,
      r.dueAt,
      JSON.stringify(r),
    );
}

export function nextReplyAt(sql: SqlStorage): number | undefined {
  return sql.exec<{ t: number | null }>(`SELECT min(due_at) AS t FROM replies`).one().t ?? undefined;
}

/** Receives the replies due by `now()` in due order; each leaves the table once its inbound is stored. */
export async function deliverDueReplies(
  env: Env,
  plan: ServicePlanRow,
  queue: QueueClient,
  sql: SqlStorage,
  now: () => number,
): Promise<void> {
  const due = sql
    .exec<{ key: string; reply: string }>(
      `SELECT key, reply FROM replies WHERE due_at <= ? ORDER BY due_at, key LIMIT ?`,
      now(),
      REPLIES_PER_RUN,
    )
    .toArray();
  if (due.length === 0) return;
  const deferred: Promise<unknown>[] = [];
  const ctx: PlanContext = {
    db: databaseFor(env, plan.id),
    plan,
    now,
    queue,
    defer: (work) => {
      deferred.push(work);
    },
  };
  for (const row of due) {
    try {
      await receiveScriptedReply(ctx, JSON.parse(row.reply) as LaterReply);
      sql.exec(`DELETE FROM replies WHERE key = ?`, row.key);
    } catch (error) {
      console.warn(JSON.stringify({ event: "simulator_reply_failed", plan: plan.id, error: String(error) }));
      sql.exec(`UPDATE replies SET due_at = ? WHERE key = ?`, now() + RETRY_MS, row.key);
    }
  }
  await Promise.allSettled(deferred);
}
