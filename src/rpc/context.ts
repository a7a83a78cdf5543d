// tRPC context: the bindings and the credentials of the call; plan auth happens in the plan procedure.
export interface RpcContext {
  env: Env;
  /** The `Authorization` header: `Bearer <plan token>` or `Bearer <ADMIN_TOKEN>`. */
  authorization: string | null;
  /** The `x-service-plan-id` header: which plan the token belongs to (as in Sinch's REST path). */
  servicePlanId: string | null;
  /** Work that may finish after the response: the request's waitUntil. */
  defer: (work: Promise<unknown>) => void;
}

export const createContext = (request: Request, env: Env, execution: ExecutionContext): RpcContext => ({
  env,
  authorization: request.headers.get("authorization"),
  servicePlanId: request.headers.get("x-service-plan-id"),
  defer: (work) => execution.waitUntil(work),
});
