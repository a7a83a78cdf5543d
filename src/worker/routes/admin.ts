// REST routes of the admin API (ADMIN_TOKEN): service plans and their API tokens.
import type { RouterType } from "itty-router";
import { databaseFor } from "../../db/client";
import { CreateServicePlanRequest, UpdateServicePlanRequest } from "../../domain/schemas/service-plans";
import {
  createServicePlan,
  getServicePlan,
  issueToken,
  listApiTokens,
  revokeApiToken,
  updateServicePlan,
} from "../../domain/service-plans/admin";
import { parseBody, pathParam } from "../http";
import { adminRoute } from "../rest";

const PLANS = "/admin/v1/service_plans";
const plan = (r: { params: Record<string, string | undefined> }) => pathParam(r.params.service_plan_id);

export function adminRoutes(router: RouterType): string[] {
  router
    .post(
      PLANS,
      adminRoute(
        async (env, r) =>
          createServicePlan(
            databaseFor(env),
            await parseBody(r, CreateServicePlanRequest),
            Date.now(),
            env.UPSTREAM_ENCRYPTION_KEY,
          ),
        201,
      ),
    )
    .get(
      `${PLANS}/:service_plan_id`,
      adminRoute(async (env, r) => getServicePlan(databaseFor(env), plan(r))),
    )
    .post(
      `${PLANS}/:service_plan_id`,
      adminRoute(async (env, r) =>
        updateServicePlan(
          databaseFor(env),
          plan(r),
          await parseBody(r, UpdateServicePlanRequest),
          Date.now(),
          env.UPSTREAM_ENCRYPTION_KEY,
        ),
      ),
    )
    .get(
      `${PLANS}/:service_plan_id/tokens`,
      adminRoute(async (env, r) => listApiTokens(databaseFor(env), plan(r))),
    )
    .post(
      `${PLANS}/:service_plan_id/tokens`,
      adminRoute(async (env, r) => issueToken(databaseFor(env), plan(r), Date.now()), 201),
    )
    .delete(
      `${PLANS}/:service_plan_id/tokens/:token_id`,
      adminRoute(async (env, r) =>
        revokeApiToken(databaseFor(env), plan(r), pathParam(r.params.token_id), Date.now()),
      ),
    );
  return [
    PLANS,
    `${PLANS}/:service_plan_id`,
    `${PLANS}/:service_plan_id/tokens`,
    `${PLANS}/:service_plan_id/tokens/:token_id`,
  ];
}
