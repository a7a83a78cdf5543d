// Which plan a queue object serves (kept in its meta across restarts) and the plan's row, cached for a second.
import { databaseFor } from "../db/client";
import type { ServicePlanRow } from "../db/schema";
import { findPlan } from "../db/service-plans";
import { getMeta, setMeta } from "./storage";

/** Rate limit and other settings changes apply this fast. */
const PLAN_CACHE_MS = 1_000;

export class PlanCache {
  private planId: string | undefined;
  private cached: { plan: ServicePlanRow; until: number } | undefined;

  constructor(
    private readonly env: Env,
    private readonly sql: SqlStorage,
  ) {}

  /** Every call names its plan: the alarm, which is not called by anyone, finds it in meta. */
  remember(planId: string): void {
    if (this.planId === planId) return;
    setMeta(this.sql, "plan_id", planId);
    this.planId = planId;
  }

  id(): string | undefined {
    return this.planId ?? getMeta(this.sql, "plan_id");
  }

  /** The plan's row (undefined: no plan named yet, or the plan is gone). */
  async plan(): Promise<ServicePlanRow | undefined> {
    const planId = this.id();
    if (planId === undefined) return undefined;
    const now = Date.now();
    if (this.cached && this.cached.plan.id === planId && this.cached.until > now) return this.cached.plan;
    const plan = await findPlan(databaseFor(this.env, planId), planId);
    this.cached = plan && { plan, until: now + PLAN_CACHE_MS };
    return plan;
  }

  /** The rate limit as last read, however old (undefined until the plan has been read). */
  rateLimit(): number | undefined {
    return this.cached?.plan.rateLimit;
  }

  /** The object's storage was emptied: nothing is remembered. */
  forget(): void {
    this.planId = undefined;
    this.cached = undefined;
  }
}
