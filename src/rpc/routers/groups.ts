// tRPC procedures of groups.
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
  GroupPath,
  ListGroupsQuery,
  ReplaceGroupRequest,
  UpdateGroupRequest,
} from "../../domain/schemas/groups";
import { optionalInput, withParams } from "../input";
import { planProcedure, router } from "../trpc";

export const groupsRouter = router({
  create: planProcedure.input(CreateGroupRequest).mutation(({ ctx, input }) => createGroup(ctx.scope, input)),
  list: planProcedure
    .input(optionalInput(ListGroupsQuery))
    .query(({ ctx, input }) => listGroups(ctx.scope, input)),
  get: planProcedure.input(GroupPath).query(({ ctx, input }) => getGroup(ctx.scope, input.group_id)),
  update: planProcedure
    .input(withParams(GroupPath.shape, UpdateGroupRequest))
    .mutation(({ ctx, input }) => updateGroup(ctx.scope, input.params.group_id, input.body)),
  replace: planProcedure
    .input(withParams(GroupPath.shape, ReplaceGroupRequest))
    .mutation(({ ctx, input }) => replaceGroup(ctx.scope, input.params.group_id, input.body)),
  delete: planProcedure.input(GroupPath).mutation(async ({ ctx, input }) => {
    await deleteGroup(ctx.scope, input.group_id);
    return null;
  }),
  members: planProcedure
    .input(GroupPath)
    .query(({ ctx, input }) => getGroupMembers(ctx.scope, input.group_id)),
});
