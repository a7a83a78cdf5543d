// Wire schemas of the group operations: create, replace, update, list, and the Group object.
import { z } from "zod";
import { GroupId, IdParam, lazySchema, Msisdn, Paging, pageOf } from "./common";

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

/** The path of one group: REST's `/groups/{group_id}` and the tRPC input `{ group_id }`. */
export const GroupPath = z.object({ group_id: IdParam });

const Time = () => z.string().meta({ format: "date-time", examples: ["2030-01-01T09:00:00.000Z"] });

export const Group = lazySchema(() =>
  z.object({
    id: z.string().meta({ examples: ["01JD5Y3QK8B8N0M7ZG6R3V5W2X"] }),
    name: z.string().optional(),
    size: z.number().int().meta({ description: "Members, counting those of child groups" }),
    created_at: Time(),
    modified_at: Time(),
    child_groups: z.array(z.string()),
    auto_update: z
      .object({
        to: z.string(),
        add: z.object({ first_word: z.string(), second_word: z.string().optional() }).optional(),
        remove: z.object({ first_word: z.string(), second_word: z.string().optional() }).optional(),
      })
      .optional(),
  }),
);
export type Group = z.infer<ReturnType<typeof Group>>;

export const GroupList = lazySchema(() => pageOf("groups", Group()));

export const GroupMembers = lazySchema(() =>
  z.array(z.string()).meta({ examples: [["46701234567", "46701234568"]] }),
);
