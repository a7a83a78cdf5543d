// Worker entry: REST and tRPC over fetch, the cron watchdog, and the SendQueue Durable Object class.
import { handleTrpc } from "../rpc/handler";
import { buildRouter } from "./router";
import { watchdog } from "./watchdog";

export { SendQueue } from "../queue/send-queue";

const router = buildRouter();

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === "/trpc" || pathname.startsWith("/trpc/")) return handleTrpc(request, env);
    return router.fetch(request, env, ctx);
  },
  async scheduled(controller, env): Promise<void> {
    await watchdog(env, controller.scheduledTime);
  },
} satisfies ExportedHandler<Env>;
