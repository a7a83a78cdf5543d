// Queries: per-recipient rows of a batch, created by expanding numbers and groups inside SQLite.
import { type SQL, sql } from "drizzle-orm";
import { CODES } from "../domain/delivery/codes";
import { atomic } from "./batch";
import type { Db } from "./client";

export interface Targets {
  /** Normalised MSISDNs. */
  numbers: string[];
  /** Group ids, expanded (with their child groups) to members inside the insert. */
  groupIds: string[];
}

/**
 * The distinct MSISDNs of `targets`: the numbers plus the members of each group and, recursively, of
 * its child groups (UNION stops cycles). Everything stays in SQLite: one bound JSON array per list
 * instead of one parameter per recipient keeps D1's 100-parameter limit out of the way.
 */
export function expandedTargetsSql(planId: string, targets: Targets): SQL {
  const numbers = JSON.stringify(targets.numbers);
  if (targets.groupIds.length === 0) return sql`SELECT value FROM json_each(${numbers})`;
  return sql`SELECT value FROM json_each(${numbers})
    UNION
    SELECT m.msisdn FROM group_members m WHERE m.group_id IN (
      WITH RECURSIVE g(id) AS (
        SELECT gr.id FROM groups gr, json_each(${JSON.stringify(targets.groupIds)}) j
          WHERE gr.id = j.value AND gr.service_plan_id = ${planId}
        UNION
        SELECT c.value FROM g JOIN groups gr ON gr.id = g.id AND gr.service_plan_id = ${planId}, json_each(gr.child_groups) c
      )
      SELECT id FROM g
    )`;
}

/** `guard`, when given, is a condition that must hold for anything to be inserted (same atomic batch). */
export function insertRecipientsStatement(
  db: Db,
  batchId: string,
  planId: string,
  targets: Targets,
  now: number,
  guard: SQL = sql`1`,
) {
  return db.run(sql`INSERT OR IGNORE INTO recipients (batch_id, recipient, service_plan_id, status, code, at)
    SELECT ${batchId}, value, ${planId}, ${CODES.queued.status}, ${CODES.queued.code}, ${now} FROM (${expandedTargetsSql(planId, targets)})
    WHERE ${guard}`);
}

/** True while the batch is exactly as read (same modified_at), not canceled and not started. */
export function unchangedSince(batchId: string, modifiedAt: number): SQL {
  return sql`EXISTS (SELECT 1 FROM batches WHERE id = ${batchId} AND modified_at = ${modifiedAt}
    AND canceled = 0 AND dispatch_started_at IS NULL)`;
}

/** The MSISDNs targets expand to, for a dry run (nothing written). */
export async function expandTargets(db: Db, planId: string, targets: Targets): Promise<string[]> {
  const rows = await db.all<{ value: string }>(expandedTargetsSql(planId, targets));
  return rows.map((r) => r.value);
}

/** The next recipients still waiting, in a stable order: dispatch reads a batch in chunks, never whole. */
export async function queuedRecipients(db: Db, batchId: string, limit: number): Promise<string[]> {
  const rows = await db.all<{ recipient: string }>(
    sql`SELECT recipient FROM recipients WHERE batch_id = ${batchId} AND status = 'Queued' ORDER BY recipient LIMIT ${limit}`,
  );
  return rows.map((r) => r.recipient);
}

/**
 * The next waiting recipients of several batches, in the batches' queue order then by number, at
 * most `limit`: one read feeds a dispatch step that may span many small batches.
 */
export async function queuedRecipientsOf(
  db: Db,
  planId: string,
  batchIds: string[],
  limit: number,
): Promise<{ batchId: string; recipient: string; optedOut: 0 | 1 }[]> {
  if (batchIds.length === 0) return [];
  // Opt-outs ride along: whether a number may still be sent to is decided at send time. The one message
  // sent past an opt-out is the automatic confirmation of it.
  return db.all<{
    batchId: string;
    recipient: string;
    optedOut: 0 | 1;
  }>(sql`SELECT r.batch_id AS batchId, r.recipient,
      (CASE WHEN o.msisdn IS NULL THEN 0 ELSE NOT EXISTS (SELECT 1 FROM auto_replies a
        WHERE a.batch_id = r.batch_id AND a.kind = 'opt_out') END) AS optedOut
    FROM json_each(${JSON.stringify(batchIds)}) j
    JOIN recipients r ON r.batch_id = j.value AND r.status = 'Queued'
    LEFT JOIN opt_outs o ON o.service_plan_id = ${planId} AND o.msisdn = r.recipient
    ORDER BY j.key, r.recipient LIMIT ${limit}`);
}

/**
 * Dispatch begins for these batches: groups are resolved now (members added since acceptance join,
 * members removed leave) and each is marked started, after which update and replace refuse it.
 */
export async function startDispatch(
  db: Db,
  planId: string,
  starting: { batchId: string; targets: Targets; modifiedAt: number }[],
  now: number,
): Promise<Set<string>> {
  if (starting.length === 0) return new Set();
  // Compare-and-set on modified_at: a batch updated or canceled since it was read is not started
  // from the stale copy; the queue reads it again.
  const pairs = JSON.stringify(starting.map((s) => [s.batchId, s.modifiedAt]));
  const regroup = starting
    .filter((s) => s.targets.groupIds.length > 0)
    .flatMap((s) => {
      const current = sql`EXISTS (SELECT 1 FROM batches WHERE id = ${s.batchId} AND modified_at = ${s.modifiedAt} AND canceled = 0)`;
      return [
        db.run(sql`DELETE FROM recipients WHERE batch_id = ${s.batchId} AND status = 'Queued'
          AND recipient NOT IN (${expandedTargetsSql(planId, s.targets)}) AND ${current}`),
        insertRecipientsStatement(db, s.batchId, planId, s.targets, now, current),
      ];
    });
  const [started] = await atomic(db, [
    db.all<{ id: string }>(sql`UPDATE batches SET dispatch_started_at = coalesce(dispatch_started_at, ${now})
      WHERE id IN (SELECT json_extract(value, '$[0]') FROM json_each(${pairs})) AND canceled = 0
        AND EXISTS (SELECT 1 FROM json_each(${pairs}) j
        WHERE json_extract(j.value, '$[0]') = batches.id AND json_extract(j.value, '$[1]') = batches.modified_at)
      RETURNING id`),
    ...regroup,
  ]);
  return new Set(started.map((r) => r.id));
}
