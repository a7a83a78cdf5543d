// A QueueClient bound to one plan over the queue object's RPC methods: its stub in the Worker, or the object itself.
import type { QueueClient } from "../domain/context";

/** The object's methods: each QueueClient method with the plan's id first (a fresh object learns its plan so). */
export type QueueMethods = {
  [K in keyof QueueClient]: (
    planId: string,
    ...args: Parameters<QueueClient[K]>
  ) => ReturnType<QueueClient[K]>;
};

export function boundClient(queue: () => QueueMethods, planId: string): QueueClient {
  return {
    enqueue: (jobs, options) => queue().enqueue(planId, jobs, options),
    cancel: (batchId) => queue().cancel(planId, batchId),
    advanceClock: (offsetMs) => queue().advanceClock(planId, offsetMs),
    callbacksPending: (at) => queue().callbacksPending(planId, at),
    recordEvents: (events) => queue().recordEvents(planId, events),
    publish: (events) => queue().publish(planId, events),
  };
}
