// tRPC procedures of the admin API (ADMIN_TOKEN): service plans and API tokens.
import {
  CreateServicePlanRequest,
  ListServicePlansQuery,
  ServicePlanPath,
  TokenPath,
  UpdateServicePlanRequest,
} from "../../domain/schemas/service-plans";
import {
  createServicePlan,
  getServicePlan,
  issueToken,
  listApiTokens,
  listServicePlans,
  revokeApiToken,
  rotateApiToken,
  updateServicePlan,
} from "../../domain/service-plans/admin";
import { deleteServicePlan } from "../../domain/service-plans/delete-plan";
import { withParams } from "../input";
import { adminProcedure, router } from "../trpc";

export const adminRouter = router({
  listServicePlans: adminProcedure
    .input(ListServicePlansQuery)
    .query(({ ctx, input }) => listServicePlans(ctx.admin, input)),
  createServicePlan: adminProcedure
    .input(CreateServicePlanRequest)
    .mutation(({ ctx, input }) => createServicePlan(ctx.admin, input)),
  getServicePlan: adminProcedure
    .input(ServicePlanPath)
    .query(({ ctx, input }) => getServicePlan(ctx.admin, input.service_plan_id)),
  updateServicePlan: adminProcedure
    .input(withParams(ServicePlanPath.shape, UpdateServicePlanRequest))
    .mutation(({ ctx, input }) => updateServicePlan(ctx.admin, input.params.service_plan_id, input.body)),
  deleteServicePlan: adminProcedure.input(ServicePlanPath).mutation(async ({ ctx, input }) => {
    await deleteServicePlan(ctx.admin, input.service_plan_id);
    return null;
  }),
  issueToken: adminProcedure
    .input(ServicePlanPath)
    .mutation(({ ctx, input }) => issueToken(ctx.admin, input.service_plan_id)),
  listTokens: adminProcedure
    .input(ServicePlanPath)
    .query(({ ctx, input }) => listApiTokens(ctx.admin, input.service_plan_id)),
  rotateToken: adminProcedure
    .input(TokenPath)
    .mutation(({ ctx, input }) => rotateApiToken(ctx.admin, input.service_plan_id, input.token_id)),
  revokeToken: adminProcedure.input(TokenPath).mutation(async ({ ctx, input }) => {
    await revokeApiToken(ctx.admin, input.service_plan_id, input.token_id);
    return null;
  }),
});
