// Serves the tRPC router at /trpc over the fetch adapter, with the same request bounds and text rules as REST.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { ApiError } from "../domain/errors";
import { assertWellFormedText, mayHoldLoneSurrogate } from "../domain/well-formed";
import { withCallbackPolicy } from "../worker/callback-policy";
import { assertRequestBounds, readLimitedText } from "../worker/http";
import { MAX_BATCH_CALLS } from "./batch-limit";
import { createContext } from "./context";
import { appRouter } from "./router";

const CODE_OF_STATUS: Partial<Record<number, TRPC_ERROR_CODE_KEY>> = {
  400: "BAD_REQUEST",
  413: "PAYLOAD_TOO_LARGE",
};

/** tRPC's own error envelope for a request refused before it reaches the router. */
function trpcErrorResponse(error: ApiError): Response {
  const code = CODE_OF_STATUS[error.status] ?? "BAD_REQUEST";
  const body = {
    error: {
      message: error.text,
      code: TRPC_ERROR_CODES_BY_KEY[code],
      data: { code, httpStatus: error.status, sinch: error.toBody() },
    },
  };
  return Response.json(body, { status: error.status });
}

/**
 * The calls' inputs as tRPC will read them when they may hold a lone surrogate; undefined when not JSON (tRPC
 * answers that itself) or when the text has no surrogate escape (tRPC parses it once, this does not parse it).
 */
function inputsOf(url: URL, method: string, body: string | undefined): unknown {
  const text = method === "GET" ? url.searchParams.get("input") : body;
  if (!text || !mayHoldLoneSurrogate(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Refusals tRPC would not give a Sinch error for: too many calls, a lone surrogate in any input. */
function checkCalls(url: URL, method: string, body: string | undefined): void {
  const isBatch = url.searchParams.get("batch") === "1";
  const calls = isBatch ? url.pathname.replace(/^\/trpc\/?/, "").split(",").length : 1;
  if (calls > MAX_BATCH_CALLS)
    throw new ApiError(
      "syntax_constraint_violation",
      `A batch request can hold at most ${MAX_BATCH_CALLS} calls, got ${calls}`,
    );
  const inputs = inputsOf(url, method, body);
  // A batch's inputs are keyed by call index; the field names inside each call are what users know.
  if (isBatch && typeof inputs === "object" && inputs !== null)
    for (const input of Object.values(inputs)) assertWellFormedText(input);
  else assertWellFormedText(inputs);
}

export async function handleTrpc(request: Request, env: Env, execution: ExecutionContext): Promise<Response> {
  let req = request;
  try {
    assertRequestBounds(request);
    let body: string | undefined;
    if (request.body !== null) {
      // The fetch adapter has no size limit: read the body here, bounded, and hand on a copy.
      body = await readLimitedText(request);
      req = new Request(request, { body });
    }
    checkCalls(new URL(request.url), request.method, body);
  } catch (e) {
    if (e instanceof ApiError) return trpcErrorResponse(e);
    throw e;
  }
  return withCallbackPolicy(request, env, () =>
    fetchRequestHandler({
      endpoint: "/trpc",
      req,
      router: appRouter,
      maxBatchSize: MAX_BATCH_CALLS,
      createContext: () => createContext(req, env, execution),
    }),
  );
}
