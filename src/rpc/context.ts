// tRPC context: the bindings and the credentials of the call; plan auth happens in the plan procedure.
export interface RpcContext {
  env: Env;
  /** The `Authorization` header: `Bearer <plan token>` or `Bearer <ADMIN_TOKEN>`. */
  authorization: string | null;
  /** The `x-service-plan-id` header: which plan the token belongs to (as in Sinch's REST path). */
  servicePlanId: string | null;
}

/** Without a request: what tests and createCaller use. */
export const createContextInner = (ctx: RpcContext): RpcContext => ctx;

export const createContext = (request: Request, env: Env): RpcContext =>
  createContextInner({
    env,
    authorization: request.headers.get("authorization"),
    servicePlanId: request.headers.get("x-service-plan-id"),
  });
