// REST routes that script the simulated network of a plan: its rules, and its clock.
import {
  AdvanceClockRequest,
  PlanClock,
  SetSimulatorRulesRequest,
  SimulatorRules,
} from "../../domain/schemas/simulator-rules";
import { advancePlanClock, readPlanClock } from "../../domain/simulator/clock";
import { getSimulatorRules, setSimulatorRules } from "../../domain/simulator/rules";
import { type Operation, planOperation } from "../rest";

const tag = "Simulator";
const SIMULATOR = "/simulator/v1/:service_plan_id";

export const simulatorScriptingOperations: Operation[] = [
  planOperation(
    {
      method: "GET",
      path: `${SIMULATOR}/rules`,
      operationId: "getSimulatorRules",
      summary: "Read the plan's scripted simulator rules",
      tag,
      status: 200,
      response: SimulatorRules,
    },
    (ctx) => getSimulatorRules(ctx),
  ),
  planOperation(
    {
      method: "PUT",
      path: `${SIMULATOR}/rules`,
      operationId: "setSimulatorRules",
      summary: "Replace the plan's scripted simulator rules",
      description:
        "Up to 100 rules, first match wins; a recipient no rule matches follows the last-four-digit table. " +
        "Replacing the rules restarts their submit_error counts.",
      tag,
      body: SetSimulatorRulesRequest,
      status: 200,
      response: SimulatorRules,
    },
    (ctx, { body }) => setSimulatorRules(ctx, body),
  ),
  planOperation(
    {
      method: "GET",
      path: `${SIMULATOR}/clock`,
      operationId: "getPlanClock",
      summary: "Read the plan's clock",
      tag,
      status: 200,
      response: PlanClock,
    },
    async (ctx) => readPlanClock(ctx),
  ),
  planOperation(
    {
      method: "POST",
      path: `${SIMULATOR}/clock`,
      operationId: "advancePlanClock",
      summary: "Move the plan's clock forward",
      description:
        "Work that falls due inside the jump (scheduled batches, receipts, expiry, callback retries, replies) " +
        "runs before the answer, in due order. Simulator plans only (409 otherwise).",
      tag,
      body: AdvanceClockRequest,
      status: 200,
      response: PlanClock,
      errors: [409],
    },
    (ctx, { body }) => advancePlanClock(ctx, body),
  ),
];
