// A plan's scripted simulator rules: read them, or replace them all (the refusal counts start again).
import { findSimulatorRules, saveSimulatorRules } from "../../db/simulator-rules";
import type { PlanContext } from "../context";
import type { SetSimulatorRulesRequest, SimulatorRule, SimulatorRules } from "../schemas/simulator-rules";

const randomSeed = () => (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) >>> 1;

export async function getSimulatorRules(ctx: PlanContext): Promise<SimulatorRules> {
  const row = await findSimulatorRules(ctx.db, ctx.plan.id);
  return row ? { rules: JSON.parse(row.rules) as SimulatorRule[], seed: row.seed } : { rules: [], seed: 0 };
}

/** Stored as validated (numbers normalised), so the upstream compiles them without checking again. */
export async function setSimulatorRules(
  ctx: PlanContext,
  req: SetSimulatorRulesRequest,
): Promise<SimulatorRules> {
  const stored = { rules: req.rules, seed: req.seed ?? randomSeed() };
  await saveSimulatorRules(ctx.db, {
    servicePlanId: ctx.plan.id,
    rules: JSON.stringify(stored.rules),
    seed: stored.seed,
    updatedAt: ctx.now(),
  });
  return stored;
}
