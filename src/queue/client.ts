// The one way to reach a plan's send queue: names its Durable Object (the seam for sharding a plan later).
import type { QueueClient } from "../domain/context";
import type { SendQueue } from "./send-queue";

export function sendQueueFor(env: Env, servicePlanId: string): DurableObjectStub<SendQueue> {
  const namespace = env.SEND_QUEUE as DurableObjectNamespace<SendQueue>;
  return namespace.getByName(`plan:${servicePlanId}`);
}

export function queueClient(env: Env, servicePlanId: string): QueueClient {
  const stub = () => sendQueueFor(env, servicePlanId);
  return {
    enqueue: (jobs, options) => stub().enqueue(servicePlanId, jobs, options),
    cancel: (batchId) => stub().cancel(servicePlanId, batchId),
    advanceClock: (offsetMs) => stub().advanceClock(servicePlanId, offsetMs),
    callbacksPending: (at) => stub().callbacksPending(servicePlanId, at),
    recordEvents: (events) => stub().recordEvents(servicePlanId, events),
    publish: (events) => stub().publish(servicePlanId, events),
  };
}
