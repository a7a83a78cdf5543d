// The one way to reach a plan's send queue: names its Durable Object (the seam for sharding a plan later).
import type { QueueClient } from "../domain/context";
import { boundClient } from "./bound-client";
import type { SendQueue } from "./send-queue";

export function sendQueueFor(env: Env, servicePlanId: string): DurableObjectStub<SendQueue> {
  const namespace = env.SEND_QUEUE as DurableObjectNamespace<SendQueue>;
  return namespace.getByName(`plan:${servicePlanId}`);
}

export function queueClient(env: Env, servicePlanId: string): QueueClient {
  return boundClient(() => sendQueueFor(env, servicePlanId), servicePlanId);
}
