// The REST router: every route of the API, a 405 for a known path with another method, a 404 otherwise.
import { Router } from "itty-router";
import { ApiError } from "../domain/errors";
import { withCallbackPolicy } from "./callback-policy";
import { assertRequestBounds, errorResponse, json } from "./http";
import { adminRoutes } from "./routes/admin";
import { batchRoutes } from "./routes/batches";
import { deliveryReportRoutes } from "./routes/delivery-reports";
import { groupRoutes } from "./routes/groups";
import { inboundRoutes } from "./routes/inbounds";
import { optOutRoutes } from "./routes/opt-outs";
import { simulatorRoutes } from "./routes/simulator";
import { webhookRoutes } from "./routes/webhooks";

export function buildRouter() {
  const router = Router<Request & { params: Record<string, string> }, [Env, ExecutionContext], Response>({
    before: [assertRequestBounds],
    catch: (error, request) => errorResponse(error, request),
  });
  router.get("/health", () => json({ ok: true }));
  const paths = [
    ...batchRoutes(router),
    ...deliveryReportRoutes(router),
    ...groupRoutes(router),
    ...inboundRoutes(router),
    ...adminRoutes(router),
    ...simulatorRoutes(router),
    ...optOutRoutes(router),
    ...webhookRoutes(router),
  ];
  // A known path with another method: 405 naming the methods that path does take.
  const methodNotAllowed = (request: Request) => {
    const { pathname } = new URL(request.url);
    const allowed = router.routes
      .filter(([method, regex]) => method !== "ALL" && regex.test(pathname))
      .map(([method]) => method);
    const response = errorResponse(
      new ApiError("method_not_allowed", `Method ${request.method} is not allowed on ${pathname}`),
    );
    response.headers.set("allow", [...new Set(allowed)].join(", "));
    return response;
  };
  for (const path of paths) router.all(path, methodNotAllowed);
  router.all("*", (request: Request) => {
    throw new ApiError("not_found", `No such resource: ${new URL(request.url).pathname}`);
  });
  return {
    /** Every request runs under its callback URL policy (its own host, PUBLIC_URL, CALLBACK_ALLOW_PRIVATE). */
    fetch: (request: Request, env: Env, ctx: ExecutionContext): Promise<Response> =>
      withCallbackPolicy(request, env, () => router.fetch(request, env, ctx)),
  };
}
