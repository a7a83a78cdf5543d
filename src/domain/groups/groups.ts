// Groups: create, get, list, update (adds before removes), replace, delete, members.
import { atomic } from "../../db/batch";
import {
  addMembersStatements,
  changeMembersWithinCap,
  clearMembersStatement,
  copyMembersStatement,
  deleteGroupRows,
  existingGroupIds,
  findGroup,
  insertGroupStatement,
  listGroups as listGroupRows,
  listMembers,
  removeMembersStatements,
  subtractMembersStatement,
  updateGroupStatement,
} from "../../db/groups";
import type { GroupRow } from "../../db/schema";
import type { PlanContext } from "../context";
import { ApiError, notFound } from "../errors";
import { newId } from "../ids";
import { pageEnvelope } from "../schemas/common";
import {
  type AutoUpdate,
  type CreateGroupRequest,
  type Group,
  type ListGroupsQuery,
  MAX_GROUP_MEMBERS,
  type ReplaceGroupRequest,
  type UpdateGroupRequest,
} from "../schemas/groups";
import { toGroup } from "./group-object";

async function requireGroup(ctx: PlanContext, groupId: string) {
  const row = await findGroup(ctx.db, ctx.plan.id, groupId);
  if (!row) throw notFound("Group", groupId);
  return row;
}

/** Child groups and add_from/remove_from groups must be groups of this plan. */
async function assertGroupsExist(ctx: PlanContext, ids: string[], self?: string): Promise<void> {
  if (self !== undefined && ids.includes(self))
    throw new ApiError("syntax_constraint_violation", "child_groups: a group cannot contain itself");
  const known = await existingGroupIds(ctx.db, ctx.plan.id, ids);
  const unknown = ids.find((id) => !known.has(id));
  if (unknown !== undefined) throw new ApiError("unknown_group", `Unknown group ${unknown}`);
}

const autoUpdateColumns = (autoUpdate: AutoUpdate | null | undefined) => ({
  autoUpdate: autoUpdate ? JSON.stringify(autoUpdate) : null,
  autoUpdateTo: autoUpdate ? autoUpdate.to : null,
});

export async function createGroup(ctx: PlanContext, req: CreateGroupRequest): Promise<Group> {
  const childGroups = [...new Set(req.child_groups ?? [])];
  await assertGroupsExist(ctx, childGroups);
  const now = ctx.now();
  const row: GroupRow = {
    id: newId(),
    servicePlanId: ctx.plan.id,
    name: req.name ?? null,
    childGroups: JSON.stringify(childGroups),
    ...autoUpdateColumns(req.auto_update),
    createdAt: now,
    modifiedAt: now,
  };
  const members = [...new Set(req.members ?? [])];
  await atomic(ctx.db, [insertGroupStatement(ctx.db, row), ...addMembersStatements(ctx.db, row.id, members)]);
  return toGroup({ ...row, size: members.length });
}

export async function getGroup(ctx: PlanContext, groupId: string): Promise<Group> {
  return toGroup(await requireGroup(ctx, groupId));
}

export async function listGroups(ctx: PlanContext, q: ListGroupsQuery) {
  const { total, rows } = await listGroupRows(ctx.db, ctx.plan.id, q.page, q.page_size);
  return pageEnvelope("groups", total, q.page, rows.map(toGroup));
}

export async function getGroupMembers(ctx: PlanContext, groupId: string): Promise<string[]> {
  const group = await requireGroup(ctx, groupId);
  return listMembers(ctx.db, group.id);
}

/** Sinch's order: adds before removes; duplicate adds and unknown removes are ignored. */
export async function updateGroup(
  ctx: PlanContext,
  groupId: string,
  req: UpdateGroupRequest,
): Promise<Group> {
  const group = await requireGroup(ctx, groupId);
  const referenced = [req.add_from_group, req.remove_from_group].filter(
    (id): id is string => id !== undefined,
  );
  await assertGroupsExist(ctx, referenced);
  const set: Partial<GroupRow> = { modifiedAt: ctx.now() };
  if (req.name !== undefined) set.name = req.name;
  if (req.auto_update !== undefined) Object.assign(set, autoUpdateColumns(req.auto_update));
  const db = ctx.db;
  const size = await changeMembersWithinCap(db, group.id, MAX_GROUP_MEMBERS, [
    updateGroupStatement(db, ctx.plan.id, group.id, set),
    ...addMembersStatements(db, group.id, req.add ?? []),
    ...(req.add_from_group === undefined ? [] : [copyMembersStatement(db, group.id, req.add_from_group)]),
    ...removeMembersStatements(db, group.id, req.remove ?? []),
    ...(req.remove_from_group === undefined
      ? []
      : [subtractMembersStatement(db, group.id, req.remove_from_group)]),
  ]);
  if (size === undefined)
    throw new ApiError(
      "syntax_constraint_violation",
      `add: a group can have at most ${MAX_GROUP_MEMBERS} members`,
    );
  return toGroup({ ...group, ...set, size });
}

/** Replaces everything: name, members, child groups and auto_update. */
export async function replaceGroup(
  ctx: PlanContext,
  groupId: string,
  req: ReplaceGroupRequest,
): Promise<Group> {
  const group = await requireGroup(ctx, groupId);
  const childGroups = [...new Set(req.child_groups ?? [])];
  await assertGroupsExist(ctx, childGroups, group.id);
  const members = [...new Set(req.members)];
  const set: Partial<GroupRow> = {
    name: req.name ?? null,
    childGroups: JSON.stringify(childGroups),
    ...autoUpdateColumns(req.auto_update),
    modifiedAt: ctx.now(),
  };
  await atomic(ctx.db, [
    updateGroupStatement(ctx.db, ctx.plan.id, group.id, set),
    clearMembersStatement(ctx.db, group.id),
    ...addMembersStatements(ctx.db, group.id, members),
  ]);
  return toGroup({ ...group, ...set, size: members.length });
}

export async function deleteGroup(ctx: PlanContext, groupId: string): Promise<void> {
  if (!(await deleteGroupRows(ctx.db, ctx.plan.id, groupId))) throw notFound("Group", groupId);
}
