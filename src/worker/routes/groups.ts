// REST routes of groups: create, list, get, update, replace, delete, members.
import type { RouterType } from "itty-router";
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
  ListGroupsQuery,
  ReplaceGroupRequest,
  UpdateGroupRequest,
} from "../../domain/schemas/groups";
import { parseBody, parseQuery, pathParam } from "../http";
import { planRoute, XMS } from "../rest";

const id = (r: { params: Record<string, string | undefined> }) => pathParam(r.params.group_id);

export function groupRoutes(router: RouterType): string[] {
  router
    .post(
      `${XMS}/groups`,
      planRoute(async (ctx, r) => createGroup(ctx, await parseBody(r, CreateGroupRequest)), 201),
    )
    .get(
      `${XMS}/groups`,
      planRoute(async (ctx, r) => listGroups(ctx, parseQuery(r, ListGroupsQuery))),
    )
    .get(
      `${XMS}/groups/:group_id`,
      planRoute(async (ctx, r) => getGroup(ctx, id(r))),
    )
    .post(
      `${XMS}/groups/:group_id`,
      planRoute(async (ctx, r) => updateGroup(ctx, id(r), await parseBody(r, UpdateGroupRequest))),
    )
    .put(
      `${XMS}/groups/:group_id`,
      planRoute(async (ctx, r) => replaceGroup(ctx, id(r), await parseBody(r, ReplaceGroupRequest))),
    )
    .delete(
      `${XMS}/groups/:group_id`,
      planRoute(async (ctx, r) => deleteGroup(ctx, id(r))),
    )
    .get(
      `${XMS}/groups/:group_id/members`,
      planRoute(async (ctx, r) => getGroupMembers(ctx, id(r))),
    );
  return [`${XMS}/groups`, `${XMS}/groups/:group_id`, `${XMS}/groups/:group_id/members`];
}
