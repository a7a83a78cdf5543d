// The one way to reach a plan's send queue: names its Durable Object (the seam for sharding a plan later).
import type { CallbackJob } from "../domain/delivery-reports/status-updates";
import type { StatusEvent } from "../upstream/upstream";
import type { SendQueue } from "./send-queue";

export interface QueueJob {
  batchId: string;
  sendAt: number;
  expireAt: number;
}

export function sendQueueFor(env: Env, servicePlanId: string): DurableObjectStub<SendQueue> {
  const namespace = env.SEND_QUEUE as DurableObjectNamespace<SendQueue>;
  return namespace.get(namespace.idFromName(`plan:${servicePlanId}`));
}

/** What services need from the queue, bound to one plan. */
export interface QueueClient {
  enqueue(jobs: QueueJob[], options?: { rearm?: boolean }): Promise<void>;
  cancel(batchId: string): Promise<void>;
  /** Adds calls to the plan's signed, retried callback outbox (inbound messages). */
  queueCallbacks(callbacks: CallbackJob[]): Promise<void>;
  /** Records status events that arrived from outside (Sinch webhooks) and sends their callbacks. */
  recordEvents(events: StatusEvent[]): Promise<void>;
}

export function queueClient(env: Env, servicePlanId: string): QueueClient {
  const stub = () => sendQueueFor(env, servicePlanId);
  return {
    enqueue: (jobs, options) => stub().enqueue(servicePlanId, jobs, options),
    cancel: (batchId) => stub().cancel(servicePlanId, batchId),
    queueCallbacks: (callbacks) => stub().queueCallbacks(servicePlanId, callbacks),
    recordEvents: (events) => stub().recordEvents(servicePlanId, events),
  };
}
