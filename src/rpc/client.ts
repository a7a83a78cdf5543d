// The typed client a TypeScript app imports: `createGatewayClient({ url, servicePlanId, token })`.
import { createTRPCClient, httpBatchLink, httpLink } from "@trpc/client";
import { MAX_BATCH_CALLS, MAX_BATCH_URL_LENGTH } from "./batch-limit";
import type { AppRouter } from "./router";

export type { AppRouter };

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

export function createGatewayClient(options: GatewayClientOptions) {
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

export type GatewayClient = ReturnType<typeof createGatewayClient>;
