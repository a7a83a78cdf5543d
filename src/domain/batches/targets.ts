// Splits a batch's `to` into numbers and group ids, and refuses group ids the plan does not have.

import { existingGroupIds } from "../../db/groups";
import type { Targets } from "../../db/recipients";
import type { PlanContext } from "../context";
import { ApiError } from "../errors";
import { isId } from "../ids";

export function splitTargets(to: readonly string[]): Targets {
  const numbers: string[] = [];
  const groupIds: string[] = [];
  for (const t of to) (isId(t) ? groupIds : numbers).push(t);
  return { numbers, groupIds };
}

/** Splits `to` and checks every group exists in this plan (403 unknown_group otherwise). */
export async function resolveTargets(ctx: PlanContext, to: readonly string[]): Promise<Targets> {
  const targets = splitTargets(to);
  if (targets.groupIds.length > 0) {
    const known = await existingGroupIds(ctx.db, ctx.plan.id, targets.groupIds);
    const unknown = targets.groupIds.find((id) => !known.has(id));
    if (unknown !== undefined) throw new ApiError("unknown_group", `Unknown group ${unknown}`);
  }
  return targets;
}

export const dedupe = (items: Iterable<string>): string[] => [...new Set(items)];
