// The typed client a TypeScript app imports from `sinch-edge-gateway/client` (built to dist/ with its types).
import { createTRPCClient, httpBatchLink, httpLink, type TRPCClient, TRPCClientError } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { ErrorBody, ErrorCode } from "../domain/errors";
import { MAX_BATCH_CALLS, MAX_BATCH_URL_LENGTH } from "./batch-limit";
import type { publicRouter } from "./public-router";

/** The gateway's tRPC router type, for `createTRPCClient<AppRouter>` and tRPC's type helpers. */
export type AppRouter = typeof publicRouter;
/** Each procedure's input: `GatewayInputs["batches"]["send"]`. */
export type GatewayInputs = inferRouterInputs<AppRouter>;
/** Each procedure's result: `GatewayOutputs["deliveryReports"]["byBatch"]`. */
export type GatewayOutputs = inferRouterOutputs<AppRouter>;
export type { ErrorBody as GatewayErrorBody, ErrorCode as GatewayErrorCode };
export { TRPCClientError };

export interface GatewayClientOptions {
  /** The gateway's origin, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** The service plan id (as in Sinch's `/xms/v1/{service_plan_id}`); omit for admin calls. */
  servicePlanId?: string;
  /** A plan's API token, or the ADMIN_TOKEN for `admin.*` procedures. */
  token: string;
  /** Batch concurrent calls into one HTTP request (default true). */
  batch?: boolean;
  /** A custom fetch, e.g. a Worker service binding's. */
  fetch?: typeof fetch;
}

export function createGatewayClient(options: GatewayClientOptions): TRPCClient<AppRouter> {
  const headers = () => ({
    authorization: `Bearer ${options.token}`,
    ...(options.servicePlanId !== undefined && { "x-service-plan-id": options.servicePlanId }),
  });
  const url = `${options.url.replace(/\/+$/, "")}/trpc`;
  const link =
    options.batch === false
      ? httpLink({ url, headers, fetch: options.fetch })
      : // Within the server's limits: a burst of calls becomes several requests, never a refused one.
        httpBatchLink({
          url,
          headers,
          fetch: options.fetch,
          maxItems: MAX_BATCH_CALLS,
          maxURLLength: MAX_BATCH_URL_LENGTH,
        });
  return createTRPCClient<AppRouter>({ links: [link] });
}

export type GatewayClient = TRPCClient<AppRouter>;

/** An error the gateway answered: Sinch's `{ code, text }` pair and the HTTP status, beside tRPC's own fields. */
export type GatewayError = TRPCClientError<AppRouter> & {
  readonly data: { sinch: ErrorBody; httpStatus: number };
  readonly code: ErrorCode;
  readonly text: string;
  readonly httpStatus: number;
};

/**
 * True for an error the gateway answered (a rejected input, a wrong token, an unknown batch), with `code`,
 * `text` and `httpStatus` readable on it; false for anything else (a network failure, a bug in the caller).
 */
export function isGatewayError(error: unknown): error is GatewayError {
  // By shape, not `instanceof`: the app may hold another copy of @trpc/client than this package's.
  if (!(error instanceof Error) || error.name !== "TRPCClientError") return false;
  const data = (error as { data?: { sinch?: Partial<ErrorBody>; httpStatus?: unknown } }).data;
  const sinch = data?.sinch;
  if (typeof sinch?.code !== "string" || typeof sinch.text !== "string") return false;
  if (typeof data?.httpStatus !== "number") return false;
  if (!("code" in error)) {
    Object.defineProperties(error, {
      code: { value: sinch.code, enumerable: false },
      text: { value: sinch.text, enumerable: false },
      httpStatus: { value: data.httpStatus, enumerable: false },
    });
  }
  return true;
}
