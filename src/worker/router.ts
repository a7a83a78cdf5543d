// The REST router: every operation of the table, a 405 for a known path with another method, static assets, a 404.
import { Router } from "itty-router";
import { ApiError } from "../domain/errors";
import { withCallbackPolicy } from "./callback-policy";
import { assertRequestBounds, errorResponse } from "./http";
import { operations } from "./operations";

/** Folders of public/ served as static assets (the Worker runs first, so it hands these on). */
const ASSET_FOLDERS = ["/docs", "/console"];

const isAssetPath = (method: string, pathname: string) =>
  (method === "GET" || method === "HEAD") &&
  ASSET_FOLDERS.some((folder) => pathname === folder || pathname.startsWith(`${folder}/`));

export function buildRouter() {
  const router = Router<Request & { params: Record<string, string> }, [Env, ExecutionContext], Response>({
    before: [assertRequestBounds],
    catch: (error, request) => errorResponse(error, request),
  });
  for (const op of operations) router[op.method.toLowerCase() as "get"](op.path, op.handler);
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
  for (const path of new Set(operations.map((op) => op.path))) router.all(path, methodNotAllowed);
  router.all("*", async (request: Request, env: Env) => {
    const { pathname } = new URL(request.url);
    // The root is the web console's front door.
    if (pathname === "/" && (request.method === "GET" || request.method === "HEAD")) {
      return new Response(null, { status: 302, headers: { location: "/console/" } });
    }
    if (isAssetPath(request.method, pathname)) {
      const asset = await env.ASSETS.fetch(request);
      if (asset.status !== 404) return asset;
    }
    throw new ApiError("not_found", `No such resource: ${pathname}`);
  });
  return {
    /** What was registered, for the test that compares it with the document. */
    routes: router.routes,
    /** Every request runs under its callback URL policy (its own host, PUBLIC_URL, CALLBACK_ALLOW_PRIVATE). */
    fetch: (request: Request, env: Env, ctx: ExecutionContext): Promise<Response> =>
      withCallbackPolicy(request, env, () => router.fetch(request, env, ctx)),
  };
}
