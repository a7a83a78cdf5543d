// Worker entry: REST, tRPC and the live-events socket over fetch, the cron (watchdogs, statistics fold), and the SendQueue Durable Object class.
import { databaseFor } from "../db/client";
import { callbackWatchdog } from "../domain/delivery/callback-watchdog";
import { watchdog } from "../domain/delivery/watchdog";
import { foldFinishedMinutes } from "../domain/stats/fold";
import { queueClient } from "../queue/client";
import { handleTrpc } from "../rpc/handler";
import { eventsPlanOf, handleEvents } from "./events";
import { withRequestLog } from "./request-log";
import { buildRouter } from "./router";

export { SendQueue } from "../queue/send-queue";

const router = buildRouter();

export default {
  async fetch(request, env, ctx): Promise<Response> {
    return withRequestLog(request, env.REQUEST_LOG !== "off", () => {
      const { pathname } = new URL(request.url);
      if (pathname === "/trpc" || pathname.startsWith("/trpc/")) return handleTrpc(request, env, ctx);
      const eventsPlan = eventsPlanOf(pathname);
      if (eventsPlan !== undefined) return handleEvents(request, env, eventsPlan);
      return router.fetch(request, env, ctx);
    });
  },
  async scheduled(controller, env): Promise<void> {
    await watchdog(databaseFor(env), (planId) => queueClient(env, planId), controller.scheduledTime);
    await callbackWatchdog(databaseFor(env), (planId) => queueClient(env, planId), controller.scheduledTime);
    await foldFinishedMinutes(databaseFor(env), controller.scheduledTime);
  },
} satisfies ExportedHandler<Env>;
