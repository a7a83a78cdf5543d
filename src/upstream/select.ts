// Picks a plan's upstream: the simulator, or the real Sinch API when the plan is connected to it.
import { databaseFor } from "../db/client";
import type { ServicePlanRow } from "../db/schema";
import { simulateExcept } from "../domain/service-plans/plan-extras";
import { simulatorUpstream } from "./simulator";
import { sinchUpstream } from "./sinch";
import { stagingUpstream } from "./staging";
import type { Upstream } from "./upstream";

export const DEFAULT_SIMULATOR_DELAY_MS = 2_000;

export function simulatorDelay(env: Env): number {
  const raw = Number(env.SIMULATOR_DELIVERY_DELAY_MS);
  return Number.isFinite(raw) && raw >= 0 ? raw : DEFAULT_SIMULATOR_DELAY_MS;
}

export function upstreamFor(env: Env, plan: ServicePlanRow): Upstream {
  const db = databaseFor(env, plan.id);
  const simulator = simulatorUpstream(db, simulatorDelay(env));
  if (plan.upstream !== "sinch") return simulator;
  const realNumbers = simulateExcept(plan);
  const sinch = sinchUpstream(env, plan, db);
  return realNumbers ? stagingUpstream(realNumbers, sinch, simulator) : sinch;
}
