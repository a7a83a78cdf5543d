// Admin: delete a service plan: its tokens stop working, its queue object stops and empties, its data is removed.
import { removePlanData, removePlanRow, revokePlanTokens } from "../../db/plan-removal";
import type { AdminContext } from "../context";
import { notFound } from "../errors";
import { forgetPlan } from "./authenticate";

/**
 * Tokens are revoked first, so nothing new arrives; the plan row goes last, so an interrupted delete leaves
 * the plan visible and a second call finishes it. The queue is stopped before the data goes (nothing more
 * is sent) and again after (anything the watchdog re-armed meanwhile is dropped too).
 */
export async function deleteServicePlan(ctx: AdminContext, planId: string): Promise<void> {
  if (!(await revokePlanTokens(ctx.db, planId, ctx.now()))) throw notFound("Service plan", planId);
  forgetPlan(planId);
  await ctx.stopQueue(planId);
  await removePlanData(ctx.db, planId);
  await removePlanRow(ctx.db, planId);
  await ctx.stopQueue(planId);
  forgetPlan(planId);
}
