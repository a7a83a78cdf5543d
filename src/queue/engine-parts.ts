// The queue object's parts the delivery engine works with, and the engine's dependencies wired from them.

import { databaseFor } from "../db/client";
import type { ServicePlanRow } from "../db/schema";
import { type CrashPoint, type DeliveryDeps, freshMemory, type NextTimes } from "../domain/delivery/deps";
import { currentBucket } from "../domain/delivery/dispatch-step";
import { type EngineLog, engineLog } from "../domain/delivery/engine-log";
import { nextWake } from "../domain/delivery/wake";
import { upstreamFor } from "../upstream/select";
import { yieldToDueAlarms } from "./alarm-board";
import { PlanClock } from "./clock";
import { LiveEvents } from "./live-events";
import { migrate, QueueStore } from "./storage";

/** What tests may replace, through runInDurableObject: the clock, and a checkpoint hook to crash a step. */
export interface QueueOverrides {
  now?: () => number;
  checkpoint?: (point: CrashPoint) => void;
}

export function logFor(env: Env): EngineLog {
  return engineLog(env.REQUEST_LOG !== "off");
}

/** One per queue object, the same for every call; `overrides` is read on each use (tests set it while it lives). */
export class EngineParts {
  readonly sql: SqlStorage;
  readonly store: QueueStore;
  /** What the engine keeps between runs (lost on restart, and nothing depends on it surviving). */
  readonly memory = freshMemory();
  /** Wall time plus the plan's offset (simulator plans can jump ahead). */
  readonly clock: PlanClock;
  /** The plan's live events and their WebSockets (hibernatable: a connected console costs nothing while idle). */
  readonly live: LiveEvents;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly overrides: () => QueueOverrides,
  ) {
    this.sql = ctx.storage.sql;
    this.store = new QueueStore(this.sql);
    this.clock = new PlanClock(this.sql, () => (overrides().now ?? Date.now)());
    this.live = new LiveEvents(ctx, () => this.now());
  }

  now(): number {
    return this.clock.now();
  }

  /** What the engine's functions take, for one call under the lock. */
  deps(env: Env, plan: ServicePlanRow): DeliveryDeps {
    return {
      db: databaseFor(env, plan.id),
      store: this.store,
      upstream: upstreamFor(env, plan),
      plan,
      now: () => this.now(),
      memory: this.memory,
      checkpoint: (point) => this.overrides().checkpoint?.(point),
      live: this.live,
      log: logFor(env),
      analytics: env.ANALYTICS,
      yieldBetweenSteps: () => yieldToDueAlarms(plan.id),
    };
  }

  /** When the engine next has work (plan time), given the plan's rate limit if it has been read. */
  nextWake(rate: number | undefined, now: number): number | null {
    return this.wakeFor(this.store.nextTimes(), rate, now);
  }

  /** When work that is ready at `ready` alone would wake the engine: no storage read, for the hot path of a send. */
  wakeForReady(ready: number, rate: number | undefined, now: number): number | null {
    return this.wakeFor({ ready, inflight: false }, rate, now);
  }

  private wakeFor(next: NextTimes, rate: number | undefined, now: number): number | null {
    return nextWake({
      now,
      next,
      rate,
      bucket: rate === undefined ? undefined : currentBucket(this, rate, now),
      drainedAt: this.memory.drainedAt,
      backoffUntil: this.memory.backoffUntil,
    });
  }

  /**
   * All storage goes and nothing is kept in memory. The tables are made again, empty, in case a stale caller
   * reaches this object later.
   */
  async wipe(): Promise<void> {
    await this.ctx.storage.deleteAll();
    migrate(this.sql);
    Object.assign(this.memory, freshMemory());
    this.clock.forget();
  }
}
