// Serves the tRPC router at /trpc over the fetch adapter, with the same body size limit as REST.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { ApiError } from "../domain/errors";
import { withCallbackPolicy } from "../worker/callback-policy";
import { readLimitedText } from "../worker/http";
import { createContext } from "./context";
import { appRouter } from "./router";

/** tRPC's own error envelope for a request refused before it reaches the router. */
function trpcErrorResponse(error: ApiError): Response {
  const body = {
    error: {
      message: error.text,
      code: -32013,
      data: { code: "PAYLOAD_TOO_LARGE", httpStatus: error.status, sinch: error.toBody() },
    },
  };
  return Response.json(body, { status: error.status });
}

export async function handleTrpc(request: Request, env: Env, execution: ExecutionContext): Promise<Response> {
  let req = request;
  if (request.body !== null) {
    // The fetch adapter has no size limit: read the body here, bounded, and hand on a copy.
    try {
      req = new Request(request, { body: await readLimitedText(request) });
    } catch (e) {
      if (e instanceof ApiError) return trpcErrorResponse(e);
      throw e;
    }
  }
  return withCallbackPolicy(request, env, () =>
    fetchRequestHandler({
      endpoint: "/trpc",
      req,
      router: appRouter,
      createContext: () => createContext(req, env, execution),
    }),
  );
}
