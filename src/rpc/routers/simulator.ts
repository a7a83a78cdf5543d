// tRPC procedures of the simulated operator network.
import { ListSimulatorMessagesQuery } from "../../domain/schemas/simulator";
import { simulatorMessages } from "../../domain/simulator/messages";
import { optionalInput } from "../input";
import { planProcedure, router } from "../trpc";

export const simulatorRouter = router({
  messages: planProcedure
    .input(optionalInput(ListSimulatorMessagesQuery))
    .query(({ ctx, input }) => simulatorMessages(ctx.scope, input)),
});
