// tRPC procedures of the callback log.
import { getCallback, listCallbacks, redeliverCallback } from "../../domain/callbacks/callbacks";
import { CallbackPath, ListCallbacksQuery } from "../../domain/schemas/callbacks";
import { optionalInput } from "../input";
import { planProcedure, router } from "../trpc";

export const callbacksRouter = router({
  list: planProcedure
    .input(optionalInput(ListCallbacksQuery))
    .query(({ ctx, input }) => listCallbacks(ctx.scope, input)),
  get: planProcedure.input(CallbackPath).query(({ ctx, input }) => getCallback(ctx.scope, input.callback_id)),
  redeliver: planProcedure
    .input(CallbackPath)
    .mutation(({ ctx, input }) => redeliverCallback(ctx.scope, input.callback_id)),
});
