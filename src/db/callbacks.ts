// Queries: the callback outbox in D1 (claim due rows, record attempts, list, prune) and its attempt log.
import { and, asc, count, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import { atomic } from "./batch";
import type { Db } from "./client";
import { countAndPage } from "./paging";
import { type CallbackAttemptRow, type CallbackRow, callbackAttempts, callbacks } from "./schema";

export interface ClaimedCallback {
  id: string;
  url: string;
  body: string;
  attempts: number;
}

/**
 * Due pending callbacks of a plan, each pushed to `leaseUntil` in the same statement that reads it: two
 * overlapping drains never post one callback twice, and a drain that dies releases its rows at lease end.
 */
export async function claimDueCallbacks(
  db: Db,
  planId: string,
  now: number,
  limit: number,
  leaseUntil: number,
): Promise<ClaimedCallback[]> {
  const rows = await db.all<ClaimedCallback>(sql`UPDATE callbacks SET next_at = ${leaseUntil}
    WHERE id IN (SELECT id FROM callbacks WHERE service_plan_id = ${planId} AND state = 'pending' AND next_at <= ${now}
                 ORDER BY next_at, created_at LIMIT ${limit})
    RETURNING id, url, body, attempts`);
  return rows;
}

/** One attempt's outcome. `state` undefined keeps the callback's state and schedule (a failed redelivery). */
export interface AttemptRecord {
  id: string;
  state?: "pending" | "delivered" | "gave_up";
  nextAt: number | null;
  at: number;
  url: string;
  status: number | null;
  error: string | null;
  latencyMs: number;
  response: string | null;
}

/**
 * Records attempts and releases claimed rows not tried, in one atomic batch, and answers when the plan's
 * next pending callback is due. The attempt number comes from the row's counter, so attempts recorded
 * at the same moment (a drain and a redelivery) get distinct numbers. Delivered never goes back.
 */
export async function recordAttempts(
  db: Db,
  planId: string,
  attempts: AttemptRecord[],
  release: string[],
  now: number,
): Promise<number | undefined> {
  const payload = JSON.stringify(
    attempts.map((a) => [
      a.id,
      a.state ?? null,
      a.nextAt,
      a.at,
      a.url,
      a.status,
      a.error,
      a.latencyMs,
      a.response,
    ]),
  );
  const rows = sql`(SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS state,
      json_extract(value, '$[2]') AS next_at, json_extract(value, '$[3]') AS at, json_extract(value, '$[4]') AS url,
      json_extract(value, '$[5]') AS status, json_extract(value, '$[6]') AS error,
      json_extract(value, '$[7]') AS latency_ms, json_extract(value, '$[8]') AS response
    FROM json_each(${payload}))`;
  const delivered = sql`(callbacks.state = 'delivered' OR a.state = 'delivered')`;
  const [, , , next] = await atomic(db, [
    db.run(sql`UPDATE callbacks SET attempts = attempts + 1,
        state = CASE WHEN ${delivered} THEN 'delivered' ELSE coalesce(a.state, callbacks.state) END,
        next_at = CASE WHEN ${delivered} THEN NULL WHEN a.state IS NULL THEN callbacks.next_at ELSE a.next_at END,
        last_attempt_at = a.at, last_status = a.status, last_error = a.error
      FROM ${rows} AS a WHERE callbacks.id = a.id`),
    db.run(sql`INSERT OR REPLACE INTO callback_attempts
        (callback_id, attempt, at, url, status, error, latency_ms, response, next_at)
      SELECT c.id, c.attempts, a.at, a.url, a.status, a.error, a.latency_ms, a.response, c.next_at
      FROM ${rows} AS a JOIN callbacks c ON c.id = a.id`),
    db.run(sql`UPDATE callbacks SET next_at = ${now}
      WHERE id IN (SELECT value FROM json_each(${JSON.stringify(release)})) AND state = 'pending'`),
    nextDueStatement(db, planId),
  ]);
  return next[0]?.t ?? undefined;
}

const nextDueStatement = (db: Db, planId: string) =>
  db.all<{ t: number | null }>(
    sql`SELECT min(next_at) AS t FROM callbacks WHERE service_plan_id = ${planId} AND state = 'pending'`,
  );

/** When the plan's earliest pending callback is due, if any. */
export async function nextCallbackDue(db: Db, planId: string): Promise<number | undefined> {
  return (await nextDueStatement(db, planId))[0]?.t ?? undefined;
}

export async function pendingCallbackCount(db: Db, planId: string): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(callbacks)
    .where(and(eq(callbacks.servicePlanId, planId), eq(callbacks.state, "pending")));
  return rows[0]?.n ?? 0;
}

/** Plans with a pending callback due before `until`, and when: the watchdog wakes their queues. */
export async function plansWithDueCallbacks(
  db: Db,
  until: number,
  limit: number,
): Promise<{ planId: string; at: number }[]> {
  return db.all<{ planId: string; at: number }>(sql`SELECT service_plan_id AS planId, min(next_at) AS at
    FROM callbacks WHERE state = 'pending' AND next_at <= ${until} GROUP BY service_plan_id LIMIT ${limit}`);
}

/** Callbacks from a queue object's old SQLite outbox, moved as they were (kind read from the body). */
export async function insertMovedCallbacks(
  db: Db,
  planId: string,
  rows: { url: string; body: string; attempts: number; nextAt: number }[],
  now: number,
): Promise<void> {
  await db.run(sql`INSERT INTO callbacks
      (id, service_plan_id, kind, batch_id, inbound_id, recipient, url, body, state, attempts, next_at, created_at)
    SELECT lower(hex(randomblob(10))), ${planId}, CASE WHEN mo THEN 'inbound' ELSE 'delivery_report' END,
      json_extract(body, '$.batch_id'), CASE WHEN mo THEN json_extract(body, '$.id') END,
      json_extract(body, '$.recipient'), url, body, 'pending', attempts, next_at, ${now}
    FROM (SELECT json_extract(value, '$.body') AS body, json_extract(value, '$.url') AS url,
            json_extract(value, '$.attempts') AS attempts, json_extract(value, '$.nextAt') AS next_at,
            json_extract(json_extract(value, '$.body'), '$.type') LIKE 'mo_%' AS mo
          FROM json_each(${JSON.stringify(rows)}))`);
}

export interface CallbackFilters {
  state?: CallbackRow["state"];
  kind?: CallbackRow["kind"];
  batchId?: string;
  from?: number;
  until?: number;
}

/** Newest first. */
export async function listCallbacks(
  db: Db,
  planId: string,
  f: CallbackFilters,
  page: number,
  pageSize: number,
) {
  const where = and(
    eq(callbacks.servicePlanId, planId),
    f.state === undefined ? undefined : eq(callbacks.state, f.state),
    f.kind === undefined ? undefined : eq(callbacks.kind, f.kind),
    f.batchId === undefined ? undefined : eq(callbacks.batchId, f.batchId),
    f.from === undefined ? undefined : gte(callbacks.createdAt, f.from),
    f.until === undefined ? undefined : lte(callbacks.createdAt, f.until),
  );
  return countAndPage(
    db,
    db.select({ n: count() }).from(callbacks).where(where),
    db
      .select()
      .from(callbacks)
      .where(where)
      .orderBy(desc(callbacks.createdAt), desc(callbacks.id))
      .limit(pageSize)
      .offset(page * pageSize),
  );
}

/** One callback of the plan with its attempts, oldest first. */
export async function findCallback(
  db: Db,
  planId: string,
  id: string,
): Promise<{ row: CallbackRow; attempts: CallbackAttemptRow[] } | undefined> {
  const [rows, attempts] = await atomic(db, [
    db
      .select()
      .from(callbacks)
      .where(and(eq(callbacks.id, id), eq(callbacks.servicePlanId, planId))),
    db
      .select()
      .from(callbackAttempts)
      .where(
        and(
          eq(callbackAttempts.callbackId, id),
          sql`EXISTS (SELECT 1 FROM callbacks c WHERE c.id = ${id} AND c.service_plan_id = ${planId})`,
        ),
      )
      .orderBy(asc(callbackAttempts.attempt)),
  ]);
  const row = rows[0];
  return row && { row, attempts };
}

/** Deletes the callbacks `ids` selects, and their attempts, in one batch; answers how many callbacks went. */
async function deleteCallbacks(db: Db, ids: SQL): Promise<number> {
  const [, gone] = await atomic(db, [
    db.run(sql`DELETE FROM callback_attempts WHERE callback_id IN (${ids})`),
    db.all<{ id: string }>(sql`DELETE FROM callbacks WHERE id IN (${ids}) RETURNING id`),
  ]);
  return gone.length;
}

/** Callbacks created before `before`, with their attempts, at most `limit` per call (one cron tick stays short). */
export function pruneOldCallbacks(db: Db, before: number, limit: number): Promise<number> {
  return deleteCallbacks(
    db,
    sql`SELECT id FROM callbacks WHERE created_at < ${before} ORDER BY created_at, id LIMIT ${limit}`,
  );
}

/** All but the newest `cap` callbacks of each plan, at most `limit` per plan and call. Reads every row's index entry. */
export async function pruneCrowdedCallbacks(db: Db, cap: number, limit: number): Promise<number> {
  const crowded = await db.all<{ planId: string }>(
    sql`SELECT service_plan_id AS planId FROM callbacks GROUP BY service_plan_id HAVING count(*) > ${cap}`,
  );
  let removed = 0;
  for (const { planId } of crowded)
    removed += await deleteCallbacks(
      db,
      sql`SELECT id FROM callbacks WHERE service_plan_id = ${planId}
          ORDER BY created_at DESC, id DESC LIMIT ${limit} OFFSET ${cap}`,
    );
  return removed;
}
