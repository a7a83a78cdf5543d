// tRPC procedures of the simulated operator network.
import { ListSimulatorMessagesQuery, SimulatedInboundRequest } from "../../domain/schemas/simulator";
import { AdvanceClockRequest, SetSimulatorRulesRequest } from "../../domain/schemas/simulator-rules";
import { advancePlanClock, readPlanClock } from "../../domain/simulator/clock";
import { sendSimulatedInbound } from "../../domain/simulator/handsets";
import { simulatorMessages } from "../../domain/simulator/messages";
import { getSimulatorRules, setSimulatorRules } from "../../domain/simulator/rules";
import { optionalInput } from "../input";
import { planProcedure, router } from "../trpc";

export const simulatorRouter = router({
  messages: planProcedure
    .input(optionalInput(ListSimulatorMessagesQuery))
    .query(({ ctx, input }) => simulatorMessages(ctx.scope, input)),
  sendInbound: planProcedure
    .input(SimulatedInboundRequest)
    .mutation(({ ctx, input }) => sendSimulatedInbound(ctx.scope, input)),
  rules: router({
    get: planProcedure.query(({ ctx }) => getSimulatorRules(ctx.scope)),
    set: planProcedure
      .input(SetSimulatorRulesRequest)
      .mutation(({ ctx, input }) => setSimulatorRules(ctx.scope, input)),
  }),
  clock: router({
    get: planProcedure.query(({ ctx }) => readPlanClock(ctx.scope)),
    advance: planProcedure
      .input(AdvanceClockRequest)
      .mutation(({ ctx, input }) => advancePlanClock(ctx.scope, input)),
  }),
});
