// What every plan-scoped service receives: the plan's database, the authenticated plan, and the clock.
import type { Db } from "../db/client";
import type { ServicePlanRow } from "../db/schema";
import type { QueueClient } from "../queue/client";

export type ServicePlan = ServicePlanRow;

export interface PlanContext {
  db: Db;
  plan: ServicePlan;
  /** Epoch ms; injected so tests and the queue share one notion of now. */
  now: () => number;
  /** The plan's send queue. */
  queue: QueueClient;
}
