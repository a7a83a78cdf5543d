// Queries: groups and their members; member sets change inside SQLite from JSON arrays.
import { and, count, desc, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { atomic } from "./batch";
import type { Db } from "./client";
import { inList } from "./in-list";
import { countAndPage } from "./paging";
import { type GroupRow, groupMembers, groups } from "./schema";

/** Members are written in chunks: each statement binds one JSON array, kept well under D1's statement limits. */
const MEMBER_CHUNK = 2_000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function addMembersStatements(db: Db, groupId: string, msisdns: string[]) {
  return chunks(msisdns, MEMBER_CHUNK).map((part) =>
    db.run(
      sql`INSERT OR IGNORE INTO group_members (group_id, msisdn) SELECT ${groupId}, value FROM json_each(${JSON.stringify(part)})`,
    ),
  );
}

export function removeMembersStatements(db: Db, groupId: string, msisdns: string[]) {
  return chunks(msisdns, MEMBER_CHUNK).map((part) =>
    db.run(
      sql`DELETE FROM group_members WHERE group_id = ${groupId} AND msisdn IN (SELECT value FROM json_each(${JSON.stringify(part)}))`,
    ),
  );
}

export function copyMembersStatement(db: Db, groupId: string, fromGroupId: string) {
  return db.run(
    sql`INSERT OR IGNORE INTO group_members (group_id, msisdn) SELECT ${groupId}, msisdn FROM group_members WHERE group_id = ${fromGroupId}`,
  );
}

export function subtractMembersStatement(db: Db, groupId: string, otherGroupId: string) {
  return db.run(
    sql`DELETE FROM group_members WHERE group_id = ${groupId} AND msisdn IN (SELECT msisdn FROM group_members WHERE group_id = ${otherGroupId})`,
  );
}

/** Groups of the plan whose auto_update listens on the number `to`. */
export async function autoUpdateGroupsFor(db: Db, planId: string, to: string) {
  return db
    .select({ id: groups.id, autoUpdate: groups.autoUpdate })
    .from(groups)
    .where(and(eq(groups.servicePlanId, planId), eq(groups.autoUpdateTo, to)));
}

export function touchGroupStatement(db: Db, groupId: string, now: number) {
  return db.update(groups).set({ modifiedAt: now }).where(eq(groups.id, groupId));
}

export function insertGroupStatement(db: Db, row: GroupRow) {
  return db.insert(groups).values(row);
}

/** Changes a group's own row; scoped to the plan so an id of another plan changes nothing. */
export function updateGroupStatement(db: Db, planId: string, groupId: string, set: Partial<GroupRow>) {
  return db
    .update(groups)
    .set(set)
    .where(and(eq(groups.id, groupId), eq(groups.servicePlanId, planId)));
}

export function clearMembersStatement(db: Db, groupId: string) {
  return db.delete(groupMembers).where(eq(groupMembers.groupId, groupId));
}

export async function findGroup(
  db: Db,
  planId: string,
  groupId: string,
): Promise<(GroupRow & { size: number }) | undefined> {
  const rows = await db
    .select({
      group: groups,
      size: sql<number>`(SELECT count(*) FROM group_members m WHERE m.group_id = ${groups.id})`,
    })
    .from(groups)
    .where(and(eq(groups.id, groupId), eq(groups.servicePlanId, planId)));
  const row = rows[0];
  return row ? { ...row.group, size: row.size } : undefined;
}

/** Which of `ids` are groups of this plan. */
export async function existingGroupIds(db: Db, planId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.servicePlanId, planId), inList(groups.id, ids)));
  return new Set(rows.map((r) => r.id));
}

export async function listGroups(db: Db, planId: string, page: number, pageSize: number) {
  const where = eq(groups.servicePlanId, planId);
  const { total, rows } = await countAndPage(
    db,
    db.select({ n: count() }).from(groups).where(where),
    db
      .select({
        group: groups,
        size: sql<number>`(SELECT count(*) FROM group_members m WHERE m.group_id = ${groups.id})`,
      })
      .from(groups)
      .where(where)
      .orderBy(desc(groups.createdAt), desc(groups.id))
      .limit(pageSize)
      .offset(page * pageSize),
  );
  return { total, rows: rows.map((r) => ({ ...r.group, size: r.size })) };
}

export async function listMembers(db: Db, groupId: string): Promise<string[]> {
  const rows = await db
    .select({ msisdn: groupMembers.msisdn })
    .from(groupMembers)
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(groupMembers.msisdn);
  return rows.map((r) => r.msisdn);
}

export async function deleteGroupRows(db: Db, planId: string, groupId: string): Promise<boolean> {
  // Members first, guarded by ownership: a group id of another plan must not touch that plan's members.
  const [, deleted] = await atomic(db, [
    db.run(
      sql`DELETE FROM group_members WHERE group_id = (SELECT id FROM groups WHERE id = ${groupId} AND service_plan_id = ${planId})`,
    ),
    db
      .delete(groups)
      .where(and(eq(groups.id, groupId), eq(groups.servicePlanId, planId)))
      .returning({ id: groups.id }),
  ]);
  return deleted.length > 0;
}

/** SQLite's message when the cap guard below fires (the only statement that sets a group's id to NULL). */
const CAP_GUARD_FAILURE = "NOT NULL constraint failed: groups.id";

/**
 * Runs member-changing statements and checks the cap in the same atomic batch, so concurrent updates
 * cannot together pass it: the last statement fails the batch (rolling every write back) when the group
 * ends over `max`. D1 has no RAISE outside triggers, so the failure is a NOT NULL violation on purpose.
 * Returns the new member count, or undefined when the cap refused the change (nothing written).
 */
export async function changeMembersWithinCap(
  db: Db,
  groupId: string,
  max: number,
  writes: [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]],
): Promise<number | undefined> {
  const [first, ...rest] = writes;
  try {
    const guard: BatchItem<"sqlite"> = db.run(
      sql`UPDATE groups SET id = NULL WHERE id = ${groupId} AND (SELECT count(*) FROM group_members WHERE group_id = ${groupId}) > ${max}`,
    );
    const size: BatchItem<"sqlite"> = db
      .select({ n: count() })
      .from(groupMembers)
      .where(eq(groupMembers.groupId, groupId));
    const results = await atomic(db, [first, ...rest, guard, size]);
    const last = results[results.length - 1] as { n: number }[];
    return last[0]?.n ?? 0;
  } catch (e) {
    if (String((e as Error)?.message ?? e).includes(CAP_GUARD_FAILURE)) return undefined;
    throw e;
  }
}
