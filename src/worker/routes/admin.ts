// REST routes of the admin API (ADMIN_TOKEN): service plans and their API tokens.
import {
  ApiTokenList,
  CreatedServicePlan,
  CreateServicePlanRequest,
  IssuedToken,
  ListServicePlansQuery,
  ServicePlanList,
  ServicePlanPath,
  ServicePlanSettings,
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
import { adminOperation, type Operation } from "../rest";

const tag = "Admin";
const PLANS = "/admin/v1/service_plans";
const PLAN = `${PLANS}/:service_plan_id`;

export const adminOperations: Operation[] = [
  adminOperation(
    {
      method: "GET",
      path: PLANS,
      operationId: "listServicePlans",
      summary: "List service plans",
      description: "Newest first, paged like Sinch's lists; settings only, never secrets or token hashes.",
      tag,
      query: ListServicePlansQuery,
      status: 200,
      response: ServicePlanList,
    },
    (admin, { query }) => listServicePlans(admin, query),
  ),
  adminOperation(
    {
      method: "POST",
      path: PLANS,
      operationId: "createServicePlan",
      summary: "Create a service plan",
      description: "Answers the plan's settings and its first API token (shown once).",
      tag,
      body: CreateServicePlanRequest,
      status: 201,
      response: CreatedServicePlan,
    },
    (admin, { body }) => createServicePlan(admin, body),
  ),
  adminOperation(
    {
      method: "GET",
      path: PLAN,
      operationId: "getServicePlan",
      summary: "Get a service plan",
      tag,
      params: ServicePlanPath,
      status: 200,
      response: ServicePlanSettings,
    },
    (admin, { params }) => getServicePlan(admin, params.service_plan_id),
  ),
  adminOperation(
    {
      method: "POST",
      path: PLAN,
      operationId: "updateServicePlan",
      summary: "Update a service plan",
      tag,
      params: ServicePlanPath,
      body: UpdateServicePlanRequest,
      status: 200,
      response: ServicePlanSettings,
    },
    (admin, { params, body }) => updateServicePlan(admin, params.service_plan_id, body),
  ),
  adminOperation(
    {
      method: "DELETE",
      path: PLAN,
      operationId: "deleteServicePlan",
      summary: "Delete a service plan",
      description:
        "Its API tokens stop working at once, its send queue stops (nothing more is sent or called back) and all its data is removed: batches, recipients, groups, inbounds, opt-outs, statistics, simulator messages, tokens.",
      tag,
      params: ServicePlanPath,
      status: 200,
    },
    (admin, { params }) => deleteServicePlan(admin, params.service_plan_id),
  ),
  adminOperation(
    {
      method: "GET",
      path: `${PLAN}/tokens`,
      operationId: "listApiTokens",
      summary: "List a plan's API tokens",
      tag,
      params: ServicePlanPath,
      status: 200,
      response: ApiTokenList,
    },
    (admin, { params }) => listApiTokens(admin, params.service_plan_id),
  ),
  adminOperation(
    {
      method: "POST",
      path: `${PLAN}/tokens`,
      operationId: "issueApiToken",
      summary: "Issue an API token",
      tag,
      params: ServicePlanPath,
      status: 201,
      response: IssuedToken,
    },
    (admin, { params }) => issueToken(admin, params.service_plan_id),
  ),
  adminOperation(
    {
      method: "POST",
      path: `${PLAN}/tokens/:token_id/rotate`,
      operationId: "rotateApiToken",
      summary: "Rotate an API token",
      description: "Issues a new token and revokes this one in one step; the new token is shown once.",
      tag,
      params: TokenPath,
      status: 201,
      response: IssuedToken,
    },
    (admin, { params }) => rotateApiToken(admin, params.service_plan_id, params.token_id),
  ),
  adminOperation(
    {
      method: "DELETE",
      path: `${PLAN}/tokens/:token_id`,
      operationId: "revokeApiToken",
      summary: "Revoke an API token",
      tag,
      params: TokenPath,
      status: 200,
    },
    (admin, { params }) => revokeApiToken(admin, params.service_plan_id, params.token_id),
  ),
];
