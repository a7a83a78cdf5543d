// REST routes of a plan's opt-out list (a gateway extension, outside /xms/v1).
import type { RouterType } from "itty-router";
import { addOptOut, listOptOuts, removeOptOut } from "../../domain/opt-outs/opt-outs";
import { ListOptOutsQuery, OptOutRequest } from "../../domain/schemas/opt-outs";
import { parseBody, parseQuery, pathParam } from "../http";
import { planRoute } from "../rest";

const OPT_OUTS = "/gateway/v1/:service_plan_id/opt_outs";

export function optOutRoutes(router: RouterType): string[] {
  router
    .get(
      OPT_OUTS,
      planRoute(async (ctx, r) => listOptOuts(ctx, parseQuery(r, ListOptOutsQuery))),
    )
    .post(
      OPT_OUTS,
      planRoute(async (ctx, r) => addOptOut(ctx, await parseBody(r, OptOutRequest)), 201),
    )
    .delete(
      `${OPT_OUTS}/:msisdn`,
      planRoute(async (ctx, r) => removeOptOut(ctx, pathParam(r.params.msisdn))),
    );
  return [OPT_OUTS, `${OPT_OUTS}/:msisdn`];
}
