// What every plan-scoped service receives: the plan's database, the authenticated plan, the clock and its queue.
import type { Db } from "../db/client";
import type { ServicePlanRow } from "../db/schema";
import type { QueueJob } from "./delivery/enqueue";
import type { StatusEvent } from "./delivery/events";
import type { LiveEventInput } from "./schemas/live-events";

export type ServicePlan = ServicePlanRow;

/** What services need from the plan's send queue (the Durable Object), bound to one plan. */
export interface QueueClient {
  enqueue(jobs: QueueJob[], options?: { rearm?: boolean }): Promise<void>;
  cancel(batchId: string): Promise<void>;
  /** Moves the queue's clock to `offsetMs` ahead of the wall clock, running what falls due; its new now. */
  advanceClock(offsetMs: number): Promise<number>;
  /** Callbacks were written to the plan's outbox in D1, due at `at` (default: now): the queue drains them then. */
  callbacksPending(at?: number): Promise<void>;
  /** Records status events that arrived from outside (Sinch webhooks) and sends their callbacks. */
  recordEvents(events: StatusEvent[]): Promise<void>;
  /** Live events of what happened in the Worker (inbounds, opt-outs), for the plan's WebSockets. */
  publish(events: LiveEventInput[]): Promise<void>;
}

/** What the admin services receive: the database, the clock, and the key that seals upstream secrets. */
export interface AdminContext {
  db: Db;
  now: () => number;
  encryptionKey: string | undefined;
  /** Stops a plan's send queue for good: no alarm, empty storage (deleting a plan). */
  stopQueue: (planId: string) => Promise<void>;
}

export interface PlanContext {
  db: Db;
  plan: ServicePlan;
  /** Epoch ms; injected so tests and the queue share one notion of now. */
  now: () => number;
  /** The plan's send queue. */
  queue: QueueClient;
  /** Work that may finish after the response (a request's waitUntil). */
  defer: (work: Promise<unknown>) => void;
}
