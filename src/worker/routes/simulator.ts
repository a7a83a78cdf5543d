// REST routes of the simulated operator network (outside /xms/v1): handsets' view and messages "from a phone".
import type { RouterType } from "itty-router";
import { ListSimulatorMessagesQuery, SimulatedInboundRequest } from "../../domain/schemas/simulator";
import { sendSimulatedInbound } from "../../domain/simulator/handsets";
import { simulatorMessages } from "../../domain/simulator/messages";
import { parseBody, parseQuery } from "../http";
import { planRoute } from "../rest";

export const SIMULATOR = "/simulator/v1/:service_plan_id";

export function simulatorRoutes(router: RouterType): string[] {
  router
    .get(
      `${SIMULATOR}/messages`,
      planRoute(async (ctx, r) => simulatorMessages(ctx, parseQuery(r, ListSimulatorMessagesQuery))),
    )
    .post(
      `${SIMULATOR}/inbounds`,
      planRoute(
        async (ctx, r) => sendSimulatedInbound(ctx, await parseBody(r, SimulatedInboundRequest)),
        201,
      ),
    );
  return [`${SIMULATOR}/messages`, `${SIMULATOR}/inbounds`];
}
