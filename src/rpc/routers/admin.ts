// tRPC procedures of the admin API (ADMIN_TOKEN): service plans and API tokens.
import { databaseFor } from "../../db/client";
import {
  CreateServicePlanRequest,
  ServicePlanPath,
  TokenPath,
  UpdateServicePlanRequest,
} from "../../domain/schemas/service-plans";
import {
  createServicePlan,
  getServicePlan,
  issueToken,
  listApiTokens,
  revokeApiToken,
  updateServicePlan,
} from "../../domain/service-plans/admin";
import { withParams } from "../input";
import { adminProcedure, router } from "../trpc";

export const adminRouter = router({
  createServicePlan: adminProcedure
    .input(CreateServicePlanRequest)
    .mutation(({ ctx, input }) =>
      createServicePlan(databaseFor(ctx.env), input, Date.now(), ctx.env.UPSTREAM_ENCRYPTION_KEY),
    ),
  getServicePlan: adminProcedure
    .input(ServicePlanPath)
    .query(({ ctx, input }) => getServicePlan(databaseFor(ctx.env), input.service_plan_id)),
  updateServicePlan: adminProcedure
    .input(withParams(ServicePlanPath.shape, UpdateServicePlanRequest))
    .mutation(({ ctx, input }) =>
      updateServicePlan(
        databaseFor(ctx.env),
        input.params.service_plan_id,
        input.body,
        Date.now(),
        ctx.env.UPSTREAM_ENCRYPTION_KEY,
      ),
    ),
  issueToken: adminProcedure
    .input(ServicePlanPath)
    .mutation(({ ctx, input }) => issueToken(databaseFor(ctx.env), input.service_plan_id, Date.now())),
  listTokens: adminProcedure
    .input(ServicePlanPath)
    .query(({ ctx, input }) => listApiTokens(databaseFor(ctx.env), input.service_plan_id)),
  revokeToken: adminProcedure.input(TokenPath).mutation(async ({ ctx, input }) => {
    await revokeApiToken(databaseFor(ctx.env), input.service_plan_id, input.token_id, Date.now());
    return null;
  }),
});
