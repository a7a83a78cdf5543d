// Wire schemas of the group operations: create, replace, update, list, and the Group object.
import { z } from "zod";
import { GroupId, Msisdn, Paging } from "./common";

export const MAX_GROUP_MEMBERS = 10_000;
export const MAX_CHILD_GROUPS = 10;
export const MAX_GROUP_NAME = 20;

const Keyword = z.string().regex(/^\w+$/, "must be a single word").max(15, "must be at most 15 characters");

const KeywordPair = z.object({ first_word: Keyword, second_word: Keyword.optional() });

export const AutoUpdate = z.object({
  to: Msisdn,
  add: KeywordPair.optional(),
  remove: KeywordPair.optional(),
});
export type AutoUpdate = z.infer<typeof AutoUpdate>;

const name = z
  .string()
  .min(1, "must not be empty")
  .max(MAX_GROUP_NAME, `must be at most ${MAX_GROUP_NAME} characters`);
const members = z.array(Msisdn).max(MAX_GROUP_MEMBERS, `must contain at most ${MAX_GROUP_MEMBERS} members`);
const childGroups = z.array(GroupId).max(MAX_CHILD_GROUPS, `must contain at most ${MAX_CHILD_GROUPS} groups`);

export const CreateGroupRequest = z.object({
  name: name.optional(),
  members: members.optional(),
  child_groups: childGroups.optional(),
  auto_update: AutoUpdate.optional(),
});
export type CreateGroupRequest = z.infer<typeof CreateGroupRequest>;

export const ReplaceGroupRequest = CreateGroupRequest.extend({ members });
export type ReplaceGroupRequest = z.infer<typeof ReplaceGroupRequest>;

export const UpdateGroupRequest = z.object({
  /** Omitted keeps the name, null removes it. */
  name: name.nullable().optional(),
  add: members.optional(),
  remove: members.optional(),
  add_from_group: GroupId.optional(),
  remove_from_group: GroupId.optional(),
  /** Omitted keeps it, null removes it. */
  auto_update: AutoUpdate.nullable().optional(),
});
export type UpdateGroupRequest = z.infer<typeof UpdateGroupRequest>;

export const ListGroupsQuery = z.object({ ...Paging });
export type ListGroupsQuery = z.infer<typeof ListGroupsQuery>;

export interface Group {
  id: string;
  name?: string;
  size: number;
  created_at: string;
  modified_at: string;
  child_groups: string[];
  auto_update?: AutoUpdate;
}
