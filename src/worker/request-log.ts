// One structured JSON log line per request (request id, plan, route, status, milliseconds), and the id as a header.

/** The plan a request is for: the REST path's plan id, or tRPC's x-service-plan-id header. */
function planOf(request: Request, pathname: string): string | undefined {
  const match = /^\/(?:xms|simulator|gateway)\/v1\/([^/]+)|^\/webhooks\/sinch\/([^/]+)/.exec(pathname);
  return match?.[1] ?? match?.[2] ?? request.headers.get("x-service-plan-id") ?? undefined;
}

/** Ids and numbers in a path become placeholders, so log lines group by route, not by batch. */
const routeOf = (pathname: string) =>
  pathname
    .replace(/^\/((?:xms|simulator|gateway)\/v1|webhooks\/sinch)\/[^/]+/, "/$1/{plan}")
    .replace(/\/[0-9A-Z]{26}(?=\/|$)/g, "/{id}");

/** `log` false (REQUEST_LOG "off") keeps the request id header and drops the log line. */
export async function withRequestLog(
  request: Request,
  log: boolean,
  handle: () => Promise<Response>,
): Promise<Response> {
  const started = Date.now();
  const requestId = request.headers.get("cf-ray") ?? crypto.randomUUID();
  const { pathname } = new URL(request.url);
  let status = 500;
  try {
    const response = await handle();
    status = response.status;
    if (response.webSocket) return response;
    try {
      response.headers.set("x-request-id", requestId);
      return response;
    } catch {
      // Immutable headers (a fetched asset, a redirect): a copy carries the id.
      const tagged = new Response(response.body, response);
      tagged.headers.set("x-request-id", requestId);
      return tagged;
    }
  } finally {
    if (log)
      console.log(
        JSON.stringify({
          event: "request",
          request_id: requestId,
          method: request.method,
          route: routeOf(pathname),
          plan: planOf(request, pathname),
          status,
          ms: Date.now() - started,
        }),
      );
  }
}
