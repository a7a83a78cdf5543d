// REST routes of inbound messages: list and get.
import type { RouterType } from "itty-router";
import { getInbound, listInbounds } from "../../domain/inbounds/inbounds";
import { ListInboundsQuery } from "../../domain/schemas/inbounds";
import { parseQuery, pathParam } from "../http";
import { planRoute, XMS } from "../rest";

export function inboundRoutes(router: RouterType): string[] {
  router
    .get(
      `${XMS}/inbounds`,
      planRoute(async (ctx, r) => listInbounds(ctx, parseQuery(r, ListInboundsQuery))),
    )
    .get(
      `${XMS}/inbounds/:inbound_id`,
      planRoute(async (ctx, r) => getInbound(ctx, pathParam(r.params.inbound_id))),
    );
  return [`${XMS}/inbounds`, `${XMS}/inbounds/:inbound_id`];
}
