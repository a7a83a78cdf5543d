// SendQueue: one Durable Object per service plan. FIFO across the plan's batches at its rate limit, send_at by alarm,
// expire_at, cancel; submissions reconciled after a crash; receipts and the callback outbox, all in its own SQLite.
import { DurableObject } from "cloudflare:workers";
import { findBatches } from "../db/batches";
import { databaseFor } from "../db/client";
import { queuedRecipients, queuedRecipientsOf, startDispatch } from "../db/recipients";
import type { BatchRow, ServicePlanRow } from "../db/schema";
import { findPlan } from "../db/service-plans";
import { openRecipients } from "../db/status-events";
import { type Draft, draftOfRow, renderFor } from "../domain/batches/render";
import { splitTargets } from "../domain/batches/targets";
import { type CallbackJob, recordStatusEvents } from "../domain/delivery-reports/status-updates";
import { newId } from "../domain/ids";
import { upstreamFor } from "../upstream/select";
import {
  type OutboundMessage,
  type StatusEvent,
  type Upstream,
  UpstreamUnavailable,
} from "../upstream/upstream";
import { FIRST_RETRY_MS } from "./backoff";
import { addToOutbox, sendDueCallbacks } from "./callbacks";
import type { QueueJob } from "./client";
import { type Facts, factsOf, type Inflight, outbound, withFacts } from "./outbound";
import {
  available,
  type Bucket,
  capacity,
  fullBucket,
  msUntilNextToken,
  refill,
  spend,
  wakeAt,
} from "./pacing";
import { getMeta, type Job, migrate, QueueStore, setMeta } from "./storage";

/** Recipients read, rendered and submitted per step: bounded memory whatever the batch size. */
export const CHUNK = 250;
/** One alarm run works at most this long, then yields (enqueue calls interleave) and re-arms. */
const RUN_BUDGET_MS = 2_000;
const EVENTS_PER_STEP = 500;
/** Due batches considered per step: many one-recipient batches share one round of D1 calls. */
const JOBS_PER_STEP = 100;
const NO_TARGETS = { numbers: [], groupIds: [] };
/**
 * After a step that emptied the line, the next waits this long: batches arriving meanwhile share one
 * step (and its D1 round trips) instead of each paying for its own.
 */
export const COALESCE_MS = 50;
const PLAN_CACHE_MS = 1_000;
const MAX_UPSTREAM_BACKOFF_MS = 5 * 60_000;
/** Expired recipients: undispatched or unreported when expire_at passes (Sinch's internal expiry code). */
export const EXPIRED_CODE = 406;
export const CANCELLED_CODE = 407;
/** A number that opted out (STOP) of the plan: Rejected with Sinch's "internal reject" code; never sent. */
export const OPTED_OUT_CODE = 408;

interface ActiveBatch {
  row: BatchRow;
  draft: Draft;
}

/** Where a test may stop a dispatch step, as a crash would, to prove nothing is lost or sent twice. */
export type CrashPoint = "after-submit" | "after-record";

export class SendQueue extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly store: QueueStore;
  /** The clock; tests move it to run pacing and schedules without sleeping. */
  now: () => number = () => Date.now();
  /** Test seam: throw once at this point of the next dispatch step. */
  crashAt: CrashPoint | undefined;
  private readonly active = new Map<string, ActiveBatch>();
  private planId: string | undefined;
  /** The plan's settings, re-read at most every PLAN_CACHE_MS (rate limit changes apply that fast). */
  private planCache: { plan: ServicePlanRow; until: number } | undefined;
  /** The alarm as this instance last set it: undefined = unknown, null = none. */
  private alarmAt: number | null | undefined;
  /** While the upstream is unavailable, dispatch waits until then (in-memory: a restart tries at once). */
  private backoffUntil = 0;
  private upstreamFailures = 0;
  /** When a dispatch step last emptied the line (in-memory: after a restart, no wait). */
  private drainedAt = Number.NEGATIVE_INFINITY;
  /** Alarm runs and cancels never interleave: two dispatch loops could read the same Queued rows. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.store = new QueueStore(this.sql);
    ctx.blockConcurrencyWhile(async () => migrate(this.sql));
  }

  // ---- RPC --------------------------------------------------------------------------------------

  /**
   * Idempotent by batch id: a repeat (watchdog, retry) changes nothing once dispatch has begun.
   * `rearm` (the watchdog) distrusts the remembered alarm and sets it afresh: an alarm can get lost.
   */
  async enqueue(planId: string, jobs: QueueJob[], options: { rearm?: boolean } = {}): Promise<void> {
    if (options.rearm) this.alarmAt = undefined;
    this.remember(planId);
    const now = this.now();
    let earliestReady = Number.POSITIVE_INFINITY;
    for (const job of jobs) {
      earliestReady = Math.min(earliestReady, Math.max(job.sendAt, now));
      this.store.upsertJob(job.batchId, Math.max(job.sendAt, now), job.expireAt);
      this.active.delete(job.batchId);
    }
    // The hot path of every send: an alarm already due no later than this work will re-arm itself.
    if (this.alarmAt !== undefined && this.alarmAt !== null && this.alarmAt <= earliestReady) return;
    await this.arm();
  }

  private remember(planId: string): void {
    if (this.planId === planId) return;
    setMeta(this.sql, "plan_id", planId);
    this.planId = planId;
  }

  /** Drops the batch from the line and ends its undispatched recipients as Cancelled (407). */
  async cancel(planId: string, batchId: string): Promise<void> {
    this.remember(planId);
    this.store.deleteJob(batchId, { unlessReporting: true });
    this.active.delete(batchId);
    await this.serial(async () => {
      const plan = await this.plan();
      if (!plan) return;
      await this.cancelQueued(plan, batchId);
      await upstreamFor(this.env, plan).cancel?.(batchId);
    });
    await this.arm();
  }

  async queueCallbacks(planId: string, callbacks: CallbackJob[]): Promise<void> {
    this.remember(planId);
    addToOutbox(this.sql, callbacks, this.now());
    await this.arm();
  }

  async recordEvents(planId: string, events: StatusEvent[]): Promise<void> {
    this.remember(planId);
    await this.serial(async () => {
      const plan = await this.plan();
      if (plan) await this.record(plan, events);
    });
    await this.arm();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Counts of what the object holds, for tests, the watchdog and benchmarks. */
  async stats(): Promise<{
    jobs: number;
    inflight: number;
    events: number;
    callbacks: number;
    alarm: number | null;
  }> {
    return {
      jobs: this.store.count("jobs"),
      inflight: this.store.count("inflight"),
      events: this.store.count("events"),
      callbacks: this.store.count("callbacks"),
      alarm: await this.ctx.storage.getAlarm(),
    };
  }

  // ---- the alarm: every step records its outcome before the next, so a repeat is harmless --------

  override async alarm(): Promise<void> {
    // The runtime consumed the alarm that woke us.
    this.alarmAt = null;
    await this.serial(() => this.run());
    // Outside the lock: a slow customer endpoint must not hold up cancels and webhook events.
    const plan = await this.plan();
    if (!plan) return;
    await sendDueCallbacks(this.sql, plan.webhookSecret, this.now());
    await this.arm(plan.rateLimit);
  }

  private async run(): Promise<void> {
    const plan = await this.plan();
    if (!plan) return;
    const upstream = upstreamFor(this.env, plan);
    const deadline = this.now() + RUN_BUDGET_MS;
    try {
      // While the upstream is backing off, receipts, expiry and callbacks still go on; dispatch waits.
      const upstreamReady = this.now() >= this.backoffUntil;
      if (upstreamReady) await this.reconcileInflight(plan, upstream);
      while (this.now() < deadline) {
        const progressed =
          (await this.applyDueEvents(plan)) ||
          (await this.expireDue(plan)) ||
          (upstreamReady && (await this.dispatchStep(plan, upstream)));
        if (!progressed || this.drainedAt === this.now()) break;
      }
      this.upstreamFailures = 0;
    } catch (error) {
      if (!(error instanceof UpstreamUnavailable)) throw error;
      // The network is down or pushing back: what is in flight stays logged; try again later, slower each time.
      this.upstreamFailures++;
      this.backoffUntil =
        this.now() + Math.min(MAX_UPSTREAM_BACKOFF_MS, FIRST_RETRY_MS * 2 ** (this.upstreamFailures - 1));
      console.warn(
        "upstream unavailable; retrying at",
        new Date(this.backoffUntil).toISOString(),
        error.message,
      );
    } finally {
      await this.arm(plan.rateLimit);
    }
  }

  private async plan(): Promise<ServicePlanRow | undefined> {
    const planId = this.planId ?? getMeta(this.sql, "plan_id");
    if (planId === undefined) return undefined;
    const now = Date.now();
    if (this.planCache && this.planCache.plan.id === planId && this.planCache.until > now)
      return this.planCache.plan;
    const plan = await findPlan(databaseFor(this.env, planId), planId);
    this.planCache = plan && { plan, until: now + PLAN_CACHE_MS };
    return plan;
  }

  private db(plan: ServicePlanRow) {
    return databaseFor(this.env, plan.id);
  }

  /** Records events in D1, then queues their callbacks and retires completed batches here. */
  /** `alsoCheck`: batches to close even without events (all sent, or nothing to send at all). */
  private async record(plan: ServicePlanRow, events: StatusEvent[], alsoCheck: string[] = []): Promise<void> {
    if (events.length === 0 && alsoCheck.length === 0) return;
    const { callbacks, completedBatchIds } = await recordStatusEvents(
      this.db(plan),
      plan.callbackUrl,
      events,
      this.now(),
      alsoCheck,
    );
    addToOutbox(this.sql, callbacks, this.now());
    for (const id of completedBatchIds) {
      this.store.deleteJob(id);
      this.active.delete(id);
    }
  }

  /** After a crash between submit and record: ask the upstream what it already has; resubmit nothing. */
  private async reconcileInflight(plan: ServicePlanRow, upstream: Upstream): Promise<void> {
    const rows = this.store.inflight();
    if (rows.length === 0) return;
    const inflight = rows.map((r) => JSON.parse(r.message) as Inflight);
    const outcome = await upstream.reconcile(
      inflight.map((i) => i.message),
      this.now(),
    );
    const facts = new Map(inflight.map((i) => [i.message.key, i.facts]));
    await this.record(
      plan,
      outcome.events.map((e) => withFacts(e, facts)),
    );
    this.storeLater(outcome.later);
    // Unknown keys were never accepted: they are still Queued in D1 and will be read again.
    this.store.clearInflight(rows.map((r) => r.key));
  }

  private storeLater(later: (StatusEvent & { dueAt: number })[]): void {
    for (const e of later) {
      const { dueAt, ...event } = e;
      this.store.addEvent(dueAt, JSON.stringify(event));
    }
  }

  private async applyDueEvents(plan: ServicePlanRow): Promise<boolean> {
    const rows = this.store.dueEvents(this.now(), EVENTS_PER_STEP);
    if (rows.length === 0) return false;
    await this.record(
      plan,
      rows.map((r) => JSON.parse(r.event) as StatusEvent),
    );
    this.store.deleteEvents(rows.map((r) => r.id));
    return true;
  }

  /** A batch past expire_at: every recipient not yet final ends Expired; the job leaves the line. */
  private async expireDue(plan: ServicePlanRow): Promise<boolean> {
    const now = this.now();
    const job = this.store.expiredJob(now);
    if (!job) return false;
    const open = await openRecipients(this.db(plan), job.batch_id);
    await this.record(
      plan,
      open.map((recipient) => ({
        batchId: job.batch_id,
        recipient,
        status: "Expired",
        code: EXPIRED_CODE,
        at: now,
      })),
      [job.batch_id],
    );
    this.store.deleteJob(job.batch_id);
    this.active.delete(job.batch_id);
    return true;
  }

  private async cancelQueued(plan: ServicePlanRow, batchId: string): Promise<void> {
    const db = this.db(plan);
    for (;;) {
      const queued = await queuedRecipients(db, batchId, CHUNK);
      if (queued.length === 0) return;
      const now = this.now();
      await this.record(
        plan,
        queued.map((recipient) => ({
          batchId,
          recipient,
          status: "Cancelled",
          code: CANCELLED_CODE,
          at: now,
        })),
      );
    }
  }

  /**
   * Loads the batches of `jobs` not yet in memory, starting those never started (one D1 round trip
   * for all). Gone, finished or canceled batches leave the line. Returns the dispatchable ones in order.
   */
  private async activate(plan: ServicePlanRow, jobs: Job[]): Promise<Map<string, ActiveBatch>> {
    const missing = jobs.filter((j) => !(j.phase === "dispatching" && this.active.has(j.batch_id)));
    const loaded = new Map<string, ActiveBatch>();
    if (missing.length > 0) {
      const db = this.db(plan);
      const ids = missing.map((j) => j.batch_id);
      const rows = new Map((await findBatches(db, plan.id, ids)).map((r) => [r.id, r]));
      const starting: { batchId: string; targets: ReturnType<typeof splitTargets>; modifiedAt: number }[] =
        [];
      for (const job of missing) {
        const row = rows.get(job.batch_id);
        if (!row || row.completedAt !== null) {
          // Gone, or every recipient already final (a repeated enqueue): nothing left to do.
          this.store.deleteJob(job.batch_id);
          continue;
        }
        if (row.canceled) {
          await this.cancelQueued(plan, row.id);
          this.store.setPhase(job.batch_id, "reporting");
          continue;
        }
        // Groups are resolved at send time, once: a repeat after a crash finds dispatch_started_at set.
        if (job.phase === "waiting")
          starting.push({
            batchId: row.id,
            targets:
              row.dispatchStartedAt === null ? splitTargets(JSON.parse(row.to) as string[]) : NO_TARGETS,
            modifiedAt: row.modifiedAt,
          });
        loaded.set(row.id, { row, draft: draftOfRow(row) });
      }
      const started = await startDispatch(db, plan.id, starting, this.now());
      for (const s of starting) {
        // Changed or canceled since it was read: read it again next step rather than send a stale copy.
        if (started.has(s.batchId)) this.store.setPhase(s.batchId, "dispatching");
        else loaded.delete(s.batchId);
      }
      for (const [id, batch] of loaded) this.active.set(id, batch);
    }
    // This step works on its own map: an enqueue or cancel arriving meanwhile may clear `active`.
    const step = new Map<string, ActiveBatch>();
    for (const job of jobs) {
      const batch = loaded.get(job.batch_id) ?? this.active.get(job.batch_id);
      if (batch) step.set(job.batch_id, batch);
    }
    return step;
  }

  private bucket(rate: number, now: number): Bucket {
    const stored = getMeta(this.sql, "bucket");
    if (stored === undefined || rate === 0) return fullBucket(rate, now);
    const b = JSON.parse(stored) as Bucket;
    return refill({ tokens: Math.min(b.tokens, capacity(rate)), at: b.at }, rate, now);
  }

  /**
   * One step: up to a chunk of recipients from the front of the line, across as many small batches as
   * it takes, rendered, submitted and recorded. Returns false when nothing can move now.
   */
  private async dispatchStep(plan: ServicePlanRow, upstream: Upstream): Promise<boolean> {
    const now = this.now();
    const due = this.store.dueJobs(now, JOBS_PER_STEP);
    if (due.length === 0) return false;
    const bucket = this.bucket(plan.rateLimit, now);
    const n = Math.min(available(bucket), CHUNK);
    if (n <= 0) return false;
    const batches = await this.activate(plan, due);
    if (batches.size === 0) return true;
    const picked = await queuedRecipientsOf(this.db(plan), plan.id, [...batches.keys()], n);
    // Fewer than asked for: after this step none of these batches has anything left to send.
    const exhausted = picked.length < n ? [...batches.keys()] : [];
    if (exhausted.length > 0) this.drainedAt = now;
    const failures: StatusEvent[] = [];
    const messages: OutboundMessage[] = [];
    const facts = new Map<string, Facts>();
    const submission = newId();
    for (const { batchId, recipient, optedOut } of picked) {
      if (optedOut && plan.optOutEnabled) {
        failures.push({ batchId, recipient, status: "Rejected", code: OPTED_OUT_CODE, at: now });
        continue;
      }
      const batch = batches.get(batchId) as ActiveBatch;
      const m = renderFor(batch.draft, recipient, plan.autoEncoding);
      if (!m.ok) {
        failures.push({ batchId, recipient, status: "Aborted", code: m.code, at: now });
        continue;
      }
      const message = outbound(batch.row, recipient, m, submission);
      const f = factsOf(message, plan, batch.row);
      messages.push(message);
      facts.set(message.key, f);
      this.store.logInflight(message.key, JSON.stringify({ message, facts: f } satisfies Inflight));
    }
    const outcome = messages.length > 0 ? await upstream.submit(messages, now) : { events: [], later: [] };
    this.crash("after-submit");
    await this.record(plan, [...failures, ...outcome.events.map((e) => withFacts(e, facts))], exhausted);
    this.crash("after-record");
    // Synchronous from here: DO storage commits these together.
    this.storeLater(outcome.later);
    this.store.clearInflight(messages.map((m) => m.key));
    if (plan.rateLimit > 0) setMeta(this.sql, "bucket", JSON.stringify(spend(bucket, messages.length)));
    // Completed batches already left the line in record(); the rest wait for receipts or expire_at.
    for (const id of exhausted) {
      this.store.setPhase(id, "reporting");
      this.active.delete(id);
    }
    return true;
  }

  private crash(point: CrashPoint): void {
    if (this.crashAt !== point) return;
    this.crashAt = undefined;
    throw new Error(`simulated crash ${point}`);
  }

  /**
   * Sets the one alarm to the earliest pending work: a receipt, a callback, an expiry, a crash to
   * reconcile, a batch's send_at, or, for a due batch, when the bucket holds a useful handful of tokens.
   */
  private async arm(rate?: number): Promise<void> {
    const now = this.now();
    const next = this.store.nextTimes();
    const times = [next.event, next.callback, next.expiry];
    const upstreamWork = [next.inflight ? now : undefined];
    const ready = next.ready;
    if (ready !== undefined)
      upstreamWork.push(
        ready > now ? ready : Math.max(now + this.tokenWait(rate, now), this.drainedAt + COALESCE_MS),
      );
    for (const t of upstreamWork) if (t !== undefined) times.push(Math.max(t, this.backoffUntil));
    const due = times.filter((t): t is number => t !== undefined);
    const at = due.length === 0 ? null : Math.max(now, Math.min(...due));
    if (at === this.alarmAt) return;
    if (at === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(at);
    this.alarmAt = at;
  }

  /** Waiting for one token at a time would wake the object per message: wait for a tenth of a second's worth. */
  private tokenWait(rate: number | undefined, now: number): number {
    if (rate === undefined || rate === 0) return 0;
    const bucket = this.bucket(rate, now);
    const want = wakeAt(rate);
    if (bucket.tokens >= want) return 0;
    return Math.max(msUntilNextToken(bucket, rate), Math.ceil(((want - bucket.tokens) * 1000) / rate));
  }
}
