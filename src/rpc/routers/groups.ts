// tRPC procedures of groups.
import { z } from "zod";
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
import { optionalInput, withParams } from "../input";
import { planProcedure, router } from "../trpc";

const GroupIdParam = z.string().min(1).max(64);
const byId = z.object({ group_id: GroupIdParam });

export const groupsRouter = router({
  create: planProcedure.input(CreateGroupRequest).mutation(({ ctx, input }) => createGroup(ctx.scope, input)),
  list: planProcedure
    .input(optionalInput(ListGroupsQuery))
    .query(({ ctx, input }) => listGroups(ctx.scope, input)),
  get: planProcedure.input(byId).query(({ ctx, input }) => getGroup(ctx.scope, input.group_id)),
  update: planProcedure
    .input(withParams({ group_id: GroupIdParam }, UpdateGroupRequest))
    .mutation(({ ctx, input }) => updateGroup(ctx.scope, input.params.group_id, input.body)),
  replace: planProcedure
    .input(withParams({ group_id: GroupIdParam }, ReplaceGroupRequest))
    .mutation(({ ctx, input }) => replaceGroup(ctx.scope, input.params.group_id, input.body)),
  delete: planProcedure.input(byId).mutation(async ({ ctx, input }) => {
    await deleteGroup(ctx.scope, input.group_id);
    return null;
  }),
  members: planProcedure.input(byId).query(({ ctx, input }) => getGroupMembers(ctx.scope, input.group_id)),
});
