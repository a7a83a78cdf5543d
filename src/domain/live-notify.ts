// Live events of what happens in the Worker (inbounds, opt-out changes): handed to the plan's queue object after the
// D1 write, in the request's waitUntil, so the answer never waits for the sockets.
import type { PlanContext } from "./context";
import type { InboundMessage } from "./schemas/inbounds";
import type { LiveEventInput } from "./schemas/live-events";

export const inboundEvent = (m: InboundMessage): LiveEventInput => ({
  type: "inbound",
  data: { id: m.id, from: m.from, to: m.to, body: m.body, received_at: m.received_at },
});

export const optOutEvent = (number: string, action: "added" | "removed"): LiveEventInput => ({
  type: "opt_out",
  data: { number, action },
});

/** Best effort: D1 already holds the change; a lost event is what a reconnecting console refetches anyway. */
export function notifyLive(ctx: Pick<PlanContext, "queue" | "defer">, events: LiveEventInput[]): void {
  if (events.length === 0) return;
  ctx.defer(
    ctx.queue.publish(events).catch((error) => {
      console.warn(JSON.stringify({ event: "live_notify_failed", error: String(error) }));
    }),
  );
}
