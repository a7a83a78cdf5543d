// REST adapters: turn a plan-scoped or admin service call into a handler with auth, status and error body.
import type { IRequest } from "itty-router";
import type { PlanContext } from "../domain/context";
import { assertAdmin, planContext } from "./auth";
import { empty, json } from "./http";

export type Handler = (request: IRequest, env: Env, ctx: ExecutionContext) => Promise<Response>;

/** Base path of the Sinch-compatible API. */
export const XMS = "/xms/v1/:service_plan_id";

/** A route of one service plan: authenticates the plan's token, runs the service, renders JSON. */
export const planRoute =
  (run: (ctx: PlanContext, request: IRequest) => Promise<unknown>, status = 200): Handler =>
  async (request, env, execution) => {
    const ctx = await planContext(
      env,
      request.params.service_plan_id ?? "",
      request.headers.get("authorization"),
      (work) => execution.waitUntil(work),
    );
    const result = await run(ctx, request);
    return result === undefined ? empty(status) : json(result, status);
  };

export const adminRoute =
  (run: (env: Env, request: IRequest) => Promise<unknown>, status = 200): Handler =>
  async (request, env) => {
    await assertAdmin(env, request.headers.get("authorization"));
    const result = await run(env, request);
    return result === undefined ? empty(status) : json(result, status);
  };
