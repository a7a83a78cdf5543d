// REST routes of groups: create, list, get, update, replace, delete, members.
import {
  createGroup,
  deleteGroup,
  getGroup,
  getGroupMembers,
  listGroups,
  replaceGroup,
  updateGroup,
} from "../../domain/groups/groups";
import {
  CreateGroupRequest,
  Group,
  GroupList,
  GroupMembers,
  GroupPath,
  ListGroupsQuery,
  ReplaceGroupRequest,
  UpdateGroupRequest,
} from "../../domain/schemas/groups";
import { type Operation, planOperation, XMS } from "../rest";

const tag = "Groups";
const GROUP = `${XMS}/groups/:group_id`;
/** Child groups and add/remove_from_group name other groups: an unknown one is 403 unknown_group. */
const CHILDREN = [403];

export const groupOperations: Operation[] = [
  planOperation(
    {
      method: "POST",
      path: `${XMS}/groups`,
      operationId: "createGroup",
      summary: "Create a group",
      tag,
      body: CreateGroupRequest,
      status: 201,
      response: Group,
      errors: CHILDREN,
    },
    (ctx, { body }) => createGroup(ctx, body),
  ),
  planOperation(
    {
      method: "GET",
      path: `${XMS}/groups`,
      operationId: "listGroups",
      summary: "List groups",
      tag,
      query: ListGroupsQuery,
      status: 200,
      response: GroupList,
    },
    (ctx, { query }) => listGroups(ctx, query),
  ),
  planOperation(
    {
      method: "GET",
      path: GROUP,
      operationId: "getGroup",
      summary: "Get a group",
      tag,
      params: GroupPath,
      status: 200,
      response: Group,
    },
    (ctx, { params }) => getGroup(ctx, params.group_id),
  ),
  planOperation(
    {
      method: "POST",
      path: GROUP,
      operationId: "updateGroup",
      summary: "Update a group",
      description: "Adds and removes members (also those of another group), renames, sets auto update.",
      tag,
      params: GroupPath,
      body: UpdateGroupRequest,
      status: 200,
      response: Group,
      errors: CHILDREN,
    },
    (ctx, { params, body }) => updateGroup(ctx, params.group_id, body),
  ),
  planOperation(
    {
      method: "PUT",
      path: GROUP,
      operationId: "replaceGroup",
      summary: "Replace a group",
      description: "Sinch's replace: the group takes the new members and settings whole, keeping its id.",
      tag,
      params: GroupPath,
      body: ReplaceGroupRequest,
      status: 200,
      response: Group,
      errors: CHILDREN,
    },
    (ctx, { params, body }) => replaceGroup(ctx, params.group_id, body),
  ),
  planOperation(
    {
      method: "DELETE",
      path: GROUP,
      operationId: "deleteGroup",
      summary: "Delete a group",
      tag,
      params: GroupPath,
      status: 200,
    },
    (ctx, { params }) => deleteGroup(ctx, params.group_id),
  ),
  planOperation(
    {
      method: "GET",
      path: `${GROUP}/members`,
      operationId: "getGroupMembers",
      summary: "List a group's members",
      description: "Every phone number in the group, those of its child groups included.",
      tag,
      params: GroupPath,
      status: 200,
      response: GroupMembers,
    },
    (ctx, { params }) => getGroupMembers(ctx, params.group_id),
  ),
];
