// Serves the tRPC router at /trpc over the fetch adapter.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext } from "./context";
import { appRouter } from "./router";

export function handleTrpc(request: Request, env: Env): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/trpc",
    req: request,
    router: appRouter,
    createContext: () => createContext(request, env),
  });
}
