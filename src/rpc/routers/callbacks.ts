// tRPC procedures of the callback log and the receiver conformance check.
import { getCallback, listCallbacks, redeliverCallback } from "../../domain/callbacks/callbacks";
import { checkCallbackReceiver } from "../../domain/callbacks/conformance";
import { CallbackCheckRequest } from "../../domain/schemas/callback-check";
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
  check: planProcedure
    .input(CallbackCheckRequest)
    .mutation(({ ctx, input }) => checkCallbackReceiver(ctx.scope, input)),
});
