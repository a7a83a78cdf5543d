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

/** A recipient a dispatch step picked, with whether its number opted out (see startAndPick). */
export interface PickedRecipient {
  batchId: string;
  recipient: string;
  optedOut: 0 | 1;
}

/** A batch dispatch begins for: compare-and-set on `modifiedAt`, groups in `targets` resolved now. */
export interface StartingBatch {
  batchId: string;
  targets: Targets;
  modifiedAt: number;
}

/**
 * One D1 round trip per dispatch step. First dispatch begins for `starting`: groups are resolved now (members
 * added since acceptance join, members removed leave) and each is marked started, after which update and
 * replace refuse it. Then the next waiting recipients of `batchIds` are read, in the batches' queue order then
 * by number, at most `limit`, from started batches only: a batch changed or canceled since it was read (the
 * compare-and-set on modified_at failed) gives none, and the queue reads it again next step.
 */
export async function startAndPick(
  db: Db,
  planId: string,
  starting: StartingBatch[],
  batchIds: string[],
  limit: number,
  now: number,
): Promise<{ started: Set<string>; picked: PickedRecipient[] }> {
  // Opt-outs ride along: whether a number may still be sent to is decided at send time. The one message
  // sent past an opt-out is the automatic confirmation of it.
  const pick = db.all<PickedRecipient>(sql`SELECT r.batch_id AS batchId, r.recipient,
      (CASE WHEN o.msisdn IS NULL THEN 0 ELSE NOT EXISTS (SELECT 1 FROM auto_replies a
        WHERE a.batch_id = r.batch_id AND a.kind = 'opt_out') END) AS optedOut
    FROM json_each(${JSON.stringify(batchIds)}) j
    JOIN batches b ON b.id = j.value AND b.dispatch_started_at IS NOT NULL
    JOIN recipients r ON r.batch_id = j.value AND r.status = 'Queued'
    LEFT JOIN opt_outs o ON o.service_plan_id = ${planId} AND o.msisdn = r.recipient
    ORDER BY j.key, r.recipient LIMIT ${limit}`);
  if (starting.length === 0) return { started: new Set(), picked: batchIds.length > 0 ? await pick : [] };
  const pairs = JSON.stringify(starting.map((s) => [s.batchId, s.modifiedAt]));
  const start = db.all<{
    id: string;
  }>(sql`UPDATE batches SET dispatch_started_at = coalesce(dispatch_started_at, ${now})
      WHERE id IN (SELECT json_extract(value, '$[0]') FROM json_each(${pairs})) AND canceled = 0
        AND EXISTS (SELECT 1 FROM json_each(${pairs}) j
        WHERE json_extract(j.value, '$[0]') = batches.id AND json_extract(j.value, '$[1]') = batches.modified_at)
      RETURNING id`);
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
  const results = await atomic(db, [start, ...regroup, pick]);
  const started = results[0] as { id: string }[];
  const picked = results.at(-1) as PickedRecipient[];
  return { started: new Set(started.map((r) => r.id)), picked };
}
