// tRPC procedures of the simulated operator network.
import { ListSimulatorMessagesQuery, SimulatedInboundRequest } from "../../domain/schemas/simulator";
import { sendSimulatedInbound } from "../../domain/simulator/handsets";
import { simulatorMessages } from "../../domain/simulator/messages";
import { optionalInput } from "../input";
import { planProcedure, router } from "../trpc";

export const simulatorRouter = router({
  messages: planProcedure
    .input(optionalInput(ListSimulatorMessagesQuery))
    .query(({ ctx, input }) => simulatorMessages(ctx.scope, input)),
  sendInbound: planProcedure
    .input(SimulatedInboundRequest)
    .mutation(({ ctx, input }) => sendSimulatedInbound(ctx.scope, input)),
});
