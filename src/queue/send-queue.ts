// SendQueue: one Durable Object per service plan, an entry point like fetch and scheduled. It holds the lock, the
// plan's settings and the alarm; what it does on each call is the delivery engine's (src/domain/delivery).
import { DurableObject } from "cloudflare:workers";
import { pendingCallbackCount } from "../db/callbacks";
import { databaseFor } from "../db/client";
import type { ServicePlanRow } from "../db/schema";
import { findPlan } from "../db/service-plans";
import type { QueueClient } from "../domain/context";
import { sendDueCallbacks } from "../domain/delivery/callback-delivery";
import { cancelBatch, dropFromLine } from "../domain/delivery/cancel";
import type { CrashPoint, DeliveryDeps } from "../domain/delivery/deps";
import { freshMemory } from "../domain/delivery/deps";
import { currentBucket } from "../domain/delivery/dispatch-step";
import { engineLog } from "../domain/delivery/engine-log";
import { addJobs, type QueueJob } from "../domain/delivery/enqueue";
import type { StatusEvent } from "../domain/delivery/events";
import { batchCreatedEvents } from "../domain/delivery/publish";
import { recordEvents } from "../domain/delivery/record";
import { runDue } from "../domain/delivery/run";
import { nextWake } from "../domain/delivery/wake";
import type { LiveEventInput } from "../domain/schemas/live-events";
import { upstreamFor } from "../upstream/select";
import { noteAlarm, yieldToDueAlarms } from "./alarm-board";
import { advanceTo, PlanClock } from "./clock";
import { LiveEvents } from "./live-events";
import { deliverDueReplies } from "./replies";
import { getMeta, migrate, QueueStore, setMeta } from "./storage";

/** Rate limit and other settings changes apply this fast. */
const PLAN_CACHE_MS = 1_000;

/** What tests may replace, through runInDurableObject: the clock, and a checkpoint hook to crash a step. */
export interface QueueOverrides {
  now?: () => number;
  checkpoint?: (point: CrashPoint) => void;
}

export class SendQueue extends DurableObject<Env> {
  private readonly store: QueueStore;
  private readonly memory = freshMemory();
  /** The plan's live events and their WebSockets (hibernatable: a connected console costs nothing while idle). */
  private readonly live: LiveEvents;
  overrides: QueueOverrides = {};
  private planId: string | undefined;
  private planCache: { plan: ServicePlanRow; until: number } | undefined;
  /** The alarm as this instance last set it: undefined = unknown, null = none. */
  private alarmAt: number | null | undefined;
  /** Alarm runs, cancels and recorded events never interleave: two loops could read the same Queued rows. */
  private tail: Promise<unknown> = Promise.resolve();
  /** Wall time plus the plan's offset (simulator plans can jump ahead). */
  private readonly clock: PlanClock;
  /** Alarm runs, one at a time (a clock jump runs them too). */
  private alarmTail: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new QueueStore(ctx.storage.sql);
    this.clock = new PlanClock(ctx.storage.sql, () => (this.overrides.now ?? Date.now)());
    ctx.blockConcurrencyWhile(async () => migrate(ctx.storage.sql));
    this.live = new LiveEvents(ctx, () => this.now());
  }

  private now(): number {
    return this.clock.now();
  }

  /**
   * Idempotent by batch id: a repeat (watchdog, retry) changes nothing once dispatch has begun.
   * `rearm` (the watchdog) distrusts the remembered alarm and sets it afresh: an alarm can get lost.
   */
  async enqueue(planId: string, jobs: QueueJob[], options: { rearm?: boolean } = {}): Promise<void> {
    if (options.rearm) this.alarmAt = undefined;
    this.remember(planId);
    // The watchdog's re-enqueue and an update of a waiting batch are not new arrivals.
    const fresh = options.rearm ? [] : this.store.unknownJobs(jobs.map((j) => j.batchId));
    const earliestReady = addJobs({ store: this.store, memory: this.memory }, jobs, this.now());
    this.live.publish(batchCreatedEvents(fresh));
    // The hot path of every send: an alarm already due no later than this work will re-arm itself.
    if (this.alarmAt !== undefined && this.alarmAt !== null && this.alarmAt <= earliestReady) return;
    await this.arm();
  }

  /** Events of the plan that happen in the Worker (inbounds, opt-outs): numbered and sent to the sockets. */
  async publish(planId: string, events: LiveEventInput[]): Promise<void> {
    this.remember(planId);
    this.live.publish(events);
  }

  /** The live-events WebSocket upgrade, already authenticated by the Worker (src/worker/events.ts). */
  override async fetch(request: Request): Promise<Response> {
    return this.live.accept(request);
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    this.live.message(ws, message);
  }

  override async webSocketError(): Promise<void> {
    this.live.left();
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    this.live.closed(ws, code);
  }

  /** Drops the batch from the line and ends its undispatched recipients as Cancelled (407). */
  async cancel(planId: string, batchId: string): Promise<void> {
    this.remember(planId);
    dropFromLine({ store: this.store, memory: this.memory }, batchId);
    await this.withDeps((deps) => cancelBatch(deps, batchId));
    await this.arm();
  }

  async callbacksPending(planId: string, at?: number): Promise<void> {
    this.remember(planId);
    this.store.noteCallbacksDue(at ?? this.now());
    await this.arm();
  }

  async recordEvents(planId: string, events: StatusEvent[]): Promise<void> {
    this.remember(planId);
    await this.withDeps((deps) => recordEvents(deps, events));
    await this.arm();
  }

  /** Jumps the plan clock to `offsetMs` ahead of the wall clock, running what falls due on the way; the new now. */
  async advanceClock(planId: string, offsetMs: number): Promise<number> {
    this.remember(planId);
    await advanceTo(
      {
        offset: () => this.clock.ahead(),
        setOffset: (ms) => {
          this.clock.setAhead(ms);
          // The alarm is set in wall time: the same plan time is now a different alarm.
          this.alarmAt = undefined;
        },
        wall: () => this.clock.wall(),
        // After the alarm run in progress, if any: a callback it holds is not due at the end of its lease.
        nextDue: async () => {
          await this.alarmTail;
          return this.arm();
        },
        runDue: () => this.alarm(),
      },
      offsetMs,
    );
    await this.arm();
    return this.now();
  }

  /** Counts of what the object holds, for tests, the watchdog and benchmarks. */
  async stats(): Promise<{
    jobs: number;
    inflight: number;
    events: number;
    callbacks: number;
    alarm: number | null;
  }> {
    const planId = this.planId ?? getMeta(this.ctx.storage.sql, "plan_id");
    return {
      jobs: this.store.count("jobs"),
      inflight: this.store.count("inflight"),
      events: this.store.count("events"),
      callbacks:
        this.store.count("callbacks") +
        (planId === undefined ? 0 : await pendingCallbackCount(databaseFor(this.env, planId), planId)),
      alarm: await this.ctx.storage.getAlarm(),
    };
  }

  /**
   * The plan is deleted: the alarm and all storage go, after any running work (same lock), and nothing is
   * kept in memory. The tables are made again, empty, in case a stale caller reaches this object later.
   */
  async stop(): Promise<void> {
    return this.locked(async () => {
      await this.ctx.storage.deleteAlarm();
      if (this.planId !== undefined) noteAlarm(this.planId, null);
      await this.ctx.storage.deleteAll();
      migrate(this.ctx.storage.sql);
      Object.assign(this.memory, freshMemory());
      this.clock.forget();
      this.planId = undefined;
      this.planCache = undefined;
      this.alarmAt = null;
    });
  }

  override async alarm(): Promise<void> {
    // One run at a time: a clock jump runs the alarm itself, between (never during) the runtime's.
    const run = this.alarmTail.then(() => this.runAlarm());
    this.alarmTail = run.catch(() => undefined);
    return run;
  }

  private async runAlarm(): Promise<void> {
    // The runtime consumed the alarm that woke us.
    this.alarmAt = null;
    if (this.planId !== undefined) noteAlarm(this.planId, null);
    try {
      await this.withDeps((deps) => runDue(deps));
    } finally {
      await this.arm();
    }
    // Outside the lock: a slow customer endpoint must not hold up cancels and webhook events.
    const plan = await this.plan();
    if (!plan) return;
    await sendDueCallbacks({
      db: databaseFor(this.env, plan.id),
      store: this.store,
      planId: plan.id,
      secret: plan.webhookSecret,
      now: this.now(),
      live: this.live,
      log: engineLog(this.env.REQUEST_LOG !== "off"),
    });
    await this.arm();
    // Scripted handset replies (simulator rules): their MO callbacks are queued, and the queue re-armed, as they land.
    await deliverDueReplies(this.env, plan, this.asClient(plan.id), this.ctx.storage.sql, () => this.now());
  }

  /** The plan's queue as services see it (the inbound pipeline of a scripted reply), answered in-process. */
  private asClient(planId: string): QueueClient {
    return {
      enqueue: (jobs, options) => this.enqueue(planId, jobs, options),
      cancel: (batchId) => this.cancel(planId, batchId),
      callbacksPending: (at) => this.callbacksPending(planId, at),
      recordEvents: (events) => this.recordEvents(planId, events),
      advanceClock: (offsetMs) => this.advanceClock(planId, offsetMs),
      publish: async (events) => this.publish(planId, events),
    };
  }

  private remember(planId: string): void {
    if (this.planId === planId) return;
    setMeta(this.ctx.storage.sql, "plan_id", planId);
    this.planId = planId;
  }

  /** Runs `work` under the lock with the engine's dependencies; nothing happens for a plan that is gone. */
  private withDeps(work: (deps: DeliveryDeps) => Promise<void>): Promise<void> {
    return this.locked(async () => {
      const plan = await this.plan();
      if (!plan) return;
      await work({
        db: databaseFor(this.env, plan.id),
        store: this.store,
        upstream: upstreamFor(this.env, plan),
        plan,
        now: () => this.now(),
        memory: this.memory,
        checkpoint: (point) => this.overrides.checkpoint?.(point),
        live: this.live,
        log: engineLog(this.env.REQUEST_LOG !== "off"),
        analytics: this.env.ANALYTICS,
        yieldBetweenSteps: () => yieldToDueAlarms(plan.id),
      });
    });
  }

  /** Runs `run` after everything queued before it, whether that succeeded or not. */
  private locked(run: () => Promise<void>): Promise<void> {
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async plan(): Promise<ServicePlanRow | undefined> {
    const planId = this.planId ?? getMeta(this.ctx.storage.sql, "plan_id");
    if (planId === undefined) return undefined;
    const now = Date.now();
    if (this.planCache && this.planCache.plan.id === planId && this.planCache.until > now)
      return this.planCache.plan;
    const plan = await findPlan(databaseFor(this.env, planId), planId);
    this.planCache = plan && { plan, until: now + PLAN_CACHE_MS };
    return plan;
  }

  /** Sets the one alarm to the engine's next wake time (the rate limit is known once the plan is cached). */
  private async arm(): Promise<number | null> {
    const now = this.now();
    const rate = this.planCache?.plan.rateLimit;
    const at = nextWake({
      now,
      next: this.store.nextTimes(),
      rate,
      bucket: rate === undefined ? undefined : currentBucket({ store: this.store }, rate, now),
      drainedAt: this.memory.drainedAt,
      backoffUntil: this.memory.backoffUntil,
    });
    if (at === this.alarmAt) return at;
    if (at === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(at - this.clock.ahead());
    this.alarmAt = at;
    if (this.planId !== undefined) noteAlarm(this.planId, at === null ? null : at - this.clock.ahead());
    return at;
  }
}
