// tRPC procedure of the callback conformance check.
import { checkCallbackReceiver } from "../../domain/callbacks/conformance";
import { CallbackCheckRequest } from "../../domain/schemas/callback-check";
import { planProcedure, router } from "../trpc";

export const callbackCheckRouter = router({
  check: planProcedure
    .input(CallbackCheckRequest)
    .mutation(({ ctx, input }) => checkCallbackReceiver(ctx.scope, input)),
});
