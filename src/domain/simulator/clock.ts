// The plan clock of a simulator plan: read it, or jump it ahead so scheduled work runs now, in due order.
import { advanceClockOffset } from "../../db/plan-clock";
import type { PlanContext } from "../context";
import { ApiError } from "../errors";
import type { AdvanceClockRequest, PlanClock } from "../schemas/simulator-rules";
import { forgetPlan } from "../service-plans/authenticate";
import { toIso } from "../time";

export function readPlanClock(ctx: PlanContext): PlanClock {
  return { now: toIso(ctx.now()) };
}

/**
 * D1 holds the offset (the Worker's accept-time checks read it with the plan); the queue object then steps
 * its own clock up to it, running receipts, expiry, scheduled batches and callback retries as they fall due.
 */
export async function advancePlanClock(ctx: PlanContext, req: AdvanceClockRequest): Promise<PlanClock> {
  if (ctx.plan.upstream !== "simulator")
    throw new ApiError("conflict", "The plan clock only moves for plans on the simulator upstream");
  const offset = await advanceClockOffset(ctx.db, ctx.plan.id, req.advance_ms);
  if (offset === undefined) throw new ApiError("not_found", `Service plan ${ctx.plan.id} not found`);
  forgetPlan(ctx.plan.id);
  return { now: toIso(await ctx.queue.advanceClock(offset)) };
}
