// Test helpers for the scripted simulator: set a plan's rules, move its clock, read the inbox it called.
import { expect } from "vitest";
import { call, type Json, type TestPlan } from "./gateway";

export const simulatorPath = (plan: TestPlan, path: string) => `/simulator/v1/${plan.id}${path}`;

export const putRules = (plan: TestPlan, body: unknown): Promise<Json> =>
  call("PUT", simulatorPath(plan, "/rules"), { token: plan.token, body });

export async function setRules(plan: TestPlan, rules: unknown[], seed?: number): Promise<void> {
  const res = await putRules(plan, seed === undefined ? { rules } : { rules, seed });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Moves the plan clock forward; returns the plan's new now (epoch ms). */
export async function advance(plan: TestPlan, ms: number): Promise<number> {
  const res = await call("POST", simulatorPath(plan, "/clock"), {
    token: plan.token,
    body: { advance_ms: ms },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return Date.parse(res.body.now);
}

export async function planNow(plan: TestPlan): Promise<number> {
  const res = await call("GET", simulatorPath(plan, "/clock"), { token: plan.token });
  expect(res.status).toBe(200);
  return Date.parse(res.body.now);
}

export const HOUR_MS = 3_600_000;
