// tRPC procedures of a plan's opt-out list.
import { addOptOut, listOptOuts, removeOptOut } from "../../domain/opt-outs/opt-outs";
import { ListOptOutsQuery, OptOutPath, OptOutRequest } from "../../domain/schemas/opt-outs";
import { optionalInput } from "../input";
import { planProcedure, router } from "../trpc";

export const optOutsRouter = router({
  list: planProcedure
    .input(optionalInput(ListOptOutsQuery))
    .query(({ ctx, input }) => listOptOuts(ctx.scope, input)),
  add: planProcedure.input(OptOutRequest).mutation(({ ctx, input }) => addOptOut(ctx.scope, input)),
  remove: planProcedure.input(OptOutPath).mutation(async ({ ctx, input }) => {
    await removeOptOut(ctx.scope, input.msisdn);
    return null;
  }),
});
