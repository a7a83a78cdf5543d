// The live-events WebSocket, GET /gateway/v1/{plan}/events: authenticated here (the token rides in a subprotocol,
// never in the URL), then handed to the plan's SendQueue, which keeps the socket (hibernatable) and sends events.
import { databaseFor } from "../db/client";
import { ApiError } from "../domain/errors";
import { EVENTS_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from "../domain/schemas/live-events";
import { authenticatePlan, bearerToken } from "../domain/service-plans/authenticate";
import { sendQueueFor } from "../queue/client";
import { errorResponse, json, pathParam } from "./http";

const EVENTS_PATH = /^\/gateway\/v1\/([^/]+)\/events$/;

/** The plan of an events URL as written (still percent-encoded), or undefined for any other path. */
export const eventsPlanOf = (pathname: string): string | undefined => EVENTS_PATH.exec(pathname)?.[1];

/** `token.<api token>` among the offered subprotocols; else a Bearer header (non-browser clients). */
function tokenOf(request: Request): string | undefined {
  const offered = (request.headers.get("sec-websocket-protocol") ?? "").split(",").map((p) => p.trim());
  const carried = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
  return carried?.slice(TOKEN_PROTOCOL_PREFIX.length) || bearerToken(request.headers.get("authorization"));
}

export async function handleEvents(request: Request, env: Env, rawPlanId: string): Promise<Response> {
  try {
    const planId = pathParam(rawPlanId);
    if (request.method !== "GET") {
      const response = errorResponse(
        new ApiError("method_not_allowed", `Method ${request.method} is not allowed on the events socket`),
      );
      response.headers.set("allow", "GET");
      return response;
    }
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket")
      return json(
        {
          code: "upgrade_required",
          text: `Open a WebSocket here, offering the subprotocols "${EVENTS_PROTOCOL}" and "${TOKEN_PROTOCOL_PREFIX}<API token>"`,
        },
        426,
      );
    await authenticatePlan(databaseFor(env, planId), planId, tokenOf(request));
    return await sendQueueFor(env, planId).fetch(request);
  } catch (error) {
    return errorResponse(error, request);
  }
}
