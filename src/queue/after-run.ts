// What an alarm run does after the engine's locked step: post the plan's due callbacks, then its scripted replies.
import { databaseFor } from "../db/client";
import type { ServicePlanRow } from "../db/schema";
import type { QueueClient } from "../domain/context";
import { sendDueCallbacks } from "../domain/delivery/callback-delivery";
import { type EngineParts, logFor } from "./engine-parts";
import { deliverDueReplies } from "./replies";

/**
 * `client` is the plan's queue answered in-process (a scripted reply's inbound pipeline enqueues through it);
 * `arm` sets the alarm for what is left, such as a callback's retry, before the replies, which may take a while.
 */
export async function afterRun(
  env: Env,
  plan: ServicePlanRow,
  parts: EngineParts,
  client: QueueClient,
  arm: () => Promise<unknown>,
): Promise<void> {
  await sendDueCallbacks({
    db: databaseFor(env, plan.id),
    store: parts.store,
    planId: plan.id,
    secret: plan.webhookSecret,
    now: parts.now(),
    live: parts.live,
    log: logFor(env),
  });
  await arm();
  // Scripted handset replies (simulator rules): their MO callbacks are queued, and the queue re-armed, as they
  // land.
  await deliverDueReplies(env, plan, client, parts.sql, () => parts.now());
}
