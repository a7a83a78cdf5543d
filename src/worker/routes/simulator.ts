// REST routes of the simulated operator network (outside /xms/v1): what each handset received.
import type { RouterType } from "itty-router";
import { ListSimulatorMessagesQuery } from "../../domain/schemas/simulator";
import { simulatorMessages } from "../../domain/simulator/messages";
import { parseQuery } from "../http";
import { planRoute } from "../rest";

export const SIMULATOR = "/simulator/v1/:service_plan_id";

export function simulatorRoutes(router: RouterType): string[] {
  router.get(
    `${SIMULATOR}/messages`,
    planRoute(async (ctx, r) => simulatorMessages(ctx, parseQuery(r, ListSimulatorMessagesQuery))),
  );
  return [`${SIMULATOR}/messages`];
}
