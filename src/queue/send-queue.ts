// SendQueue: one Durable Object per service plan, an entry point like fetch and scheduled. It holds the lock, the
// plan's settings and the alarm; what it does on each call is the delivery engine's (src/domain/delivery).
import { DurableObject } from "cloudflare:workers";
import { cancelBatch, dropFromLine } from "../domain/delivery/cancel";
import type { DeliveryDeps } from "../domain/delivery/deps";
import { addJobs, type QueueJob } from "../domain/delivery/enqueue";
import type { StatusEvent } from "../domain/delivery/events";
import { batchCreatedEvents } from "../domain/delivery/publish";
import { recordEvents } from "../domain/delivery/record";
import { runDue } from "../domain/delivery/run";
import type { LiveEventInput } from "../domain/schemas/live-events";
import { afterRun } from "./after-run";
import { noteAlarm } from "./alarm-board";
import { boundClient } from "./bound-client";
import { jumpClock } from "./clock";
import { EngineParts, type QueueOverrides } from "./engine-parts";
import { PlanCache } from "./plan-cache";
import { type QueueStats, queueStats } from "./queue-stats";
import { Serial } from "./serial";
import { migrate } from "./storage";

export type { QueueOverrides } from "./engine-parts";

export class SendQueue extends DurableObject<Env> {
  overrides: QueueOverrides = {};
  private readonly parts: EngineParts;
  private readonly plans: PlanCache;
  /** The alarm as this instance last set it: undefined = unknown, null = none. */
  private alarmAt: number | null | undefined;
  /** Alarm runs, cancels and recorded events never interleave: two loops could read the same Queued rows. */
  private readonly lock = new Serial();
  /** Alarm runs, one at a time (a clock jump runs them too). */
  private readonly alarms = new Serial();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => migrate(ctx.storage.sql));
    this.parts = new EngineParts(ctx, () => this.overrides);
    this.plans = new PlanCache(env, ctx.storage.sql);
  }

  /**
   * Idempotent by batch id: a repeat (watchdog, retry) changes nothing once dispatch has begun.
   * `rearm` (the watchdog) distrusts the remembered alarm and sets it afresh: an alarm can get lost.
   */
  async enqueue(planId: string, jobs: QueueJob[], options: { rearm?: boolean } = {}): Promise<void> {
    if (options.rearm) this.alarmAt = undefined;
    this.plans.remember(planId);
    // The watchdog's re-enqueue and an update of a waiting batch are not new arrivals.
    const fresh = options.rearm ? [] : this.parts.store.unknownJobs(jobs.map((j) => j.batchId));
    const now = this.parts.now();
    const earliestReady = addJobs(this.parts, jobs, now);
    this.parts.live.publish(batchCreatedEvents(fresh));
    // The hot path of every send: an alarm set no later than this work would want changes nothing (the run
    // it starts re-arms); only an earlier need reads the whole store to set it again.
    const wanted = this.parts.wakeForReady(earliestReady, this.plans.rateLimit(), now);
    if (this.alarmAt != null && wanted !== null && this.alarmAt <= wanted) return;
    await this.arm();
  }

  /** Events of the plan that happen in the Worker (inbounds, opt-outs): numbered and sent to the sockets. */
  async publish(planId: string, events: LiveEventInput[]): Promise<void> {
    this.plans.remember(planId);
    this.parts.live.publish(events);
  }

  /** The live-events WebSocket upgrade, already authenticated by the Worker (src/worker/events.ts). */
  override async fetch(request: Request): Promise<Response> {
    return this.parts.live.accept(request);
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    this.parts.live.message(ws, message);
  }

  override async webSocketError(): Promise<void> {
    this.parts.live.left();
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    this.parts.live.closed(ws, code);
  }

  /** Drops the batch from the line and ends its undispatched recipients as Cancelled (407). */
  async cancel(planId: string, batchId: string): Promise<void> {
    this.plans.remember(planId);
    dropFromLine(this.parts, batchId);
    await this.withDeps((deps) => cancelBatch(deps, batchId));
    await this.arm();
  }

  async callbacksPending(planId: string, at?: number): Promise<void> {
    this.plans.remember(planId);
    this.parts.store.noteCallbacksDue(at ?? this.parts.now());
    await this.arm();
  }

  async recordEvents(planId: string, events: StatusEvent[]): Promise<void> {
    this.plans.remember(planId);
    await this.withDeps((deps) => recordEvents(deps, events));
    await this.arm();
  }

  /** Jumps the plan clock to `offsetMs` ahead of the wall clock, running what falls due on the way; the new now. */
  async advanceClock(planId: string, offsetMs: number): Promise<number> {
    this.plans.remember(planId);
    const alarm = {
      moved: () => {
        this.alarmAt = undefined;
      },
      // After the alarm run in progress, if any: a callback it holds is not due at the end of its lease.
      nextDue: () => this.alarms.settled().then(() => this.arm()),
      runDue: () => this.alarm(),
    };
    await jumpClock(this.parts.clock, alarm, offsetMs);
    await this.arm();
    return this.parts.now();
  }

  /** Counts of what the object holds, for tests, the watchdog and benchmarks. */
  async stats(): Promise<QueueStats> {
    return queueStats(this.env, this.parts.store, this.ctx.storage, this.plans.id());
  }

  /** The plan is deleted: the alarm, its storage and its memory go, after any running work (same lock). */
  async stop(): Promise<void> {
    return this.lock.run(async () => {
      await this.ctx.storage.deleteAlarm();
      this.noteAlarm(null);
      await this.parts.wipe();
      this.plans.forget();
      this.alarmAt = null;
    });
  }

  override async alarm(): Promise<void> {
    // One run at a time: a clock jump runs the alarm itself, between (never during) the runtime's.
    return this.alarms.run(() => this.runAlarm());
  }

  private async runAlarm(): Promise<void> {
    // The runtime consumed the alarm that woke us.
    this.alarmAt = null;
    this.noteAlarm(null);
    try {
      await this.withDeps((deps) => runDue(deps));
    } finally {
      await this.arm();
    }
    // Outside the lock: a slow customer endpoint must not hold up cancels and webhook events.
    const plan = await this.plans.plan();
    if (!plan) return;
    const client = boundClient(() => this, plan.id);
    await afterRun(this.env, plan, this.parts, client, () => this.arm());
  }

  /** Runs `work` under the lock with the engine's dependencies; nothing happens for a plan that is gone. */
  private withDeps(work: (deps: DeliveryDeps) => Promise<void>): Promise<void> {
    return this.lock.run(async () => {
      const plan = await this.plans.plan();
      if (plan) await work(this.parts.deps(this.env, plan));
    });
  }

  /** Sets the one alarm to the engine's next wake time (the rate limit is known once the plan is cached). */
  private async arm(): Promise<number | null> {
    const at = this.parts.nextWake(this.plans.rateLimit(), this.parts.now());
    if (at === this.alarmAt) return at;
    if (at === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(at - this.parts.clock.ahead());
    this.alarmAt = at;
    this.noteAlarm(at === null ? null : at - this.parts.clock.ahead());
    return at;
  }

  /** Tells the other queue objects in this isolate when this one's alarm is due (wall time), to yield to it. */
  private noteAlarm(wallAt: number | null): void {
    const planId = this.plans.id();
    if (planId !== undefined) noteAlarm(planId, wallAt);
  }
}
