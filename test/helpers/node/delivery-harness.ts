// The delivery engine without the Workers runtime: real migrations and SQL on Node's SQLite for D1 and the queue
// object's store, a scripted upstream, a clock the test moves, and the real send/cancel services in front.
import { sql as query } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Db } from "../../../src/db/client";
import * as schema from "../../../src/db/schema";
import { type ServicePlanRow, servicePlans } from "../../../src/db/schema";
import { cancelBatch as cancelService } from "../../../src/domain/batches/change";
import { sendBatch } from "../../../src/domain/batches/send";
import type { PlanContext, QueueClient } from "../../../src/domain/context";
import { cancelBatch, dropFromLine } from "../../../src/domain/delivery/cancel";
import { type CrashPoint, type DeliveryDeps, freshMemory } from "../../../src/domain/delivery/deps";
import { addJobs } from "../../../src/domain/delivery/enqueue";
import { recordEvents } from "../../../src/domain/delivery/record";
import { runDue } from "../../../src/domain/delivery/run";
import { SendBatchRequest } from "../../../src/domain/schemas/batches";
import { NO_EXTRAS } from "../../../src/domain/service-plans/plan-extras";
import { migrate, QueueStore } from "../../../src/queue/storage";
import { type ScriptedUpstream, scriptedUpstream } from "./scripted-upstream";
import { SqliteD1, sqliteStorage } from "./sqlite-d1";

/** Now, to the second: request validation compares send_at and expire_at with the real clock. */
export const T0 = Math.floor(Date.now() / 1000) * 1000;

export interface Harness {
  db: Db;
  store: QueueStore;
  upstream: ScriptedUpstream;
  deps: DeliveryDeps;
  ctx: PlanContext;
  clock: { now: number };
  /** Crash points the next steps throw at, in order (one crash each). */
  crashes: CrashPoint[];
  send(body: Record<string, unknown>): Promise<{ id: string }>;
  cancel(batchId: string): Promise<void>;
  /** One run of the engine, as an alarm would; a crash surfaces as a rejection. */
  run(): Promise<void>;
  /** Runs until nothing is due now (at most `max` runs). */
  settle(max?: number): Promise<void>;
  /** The object restarts: what it kept in memory is gone, its storage and D1 remain. */
  restart(): void;
  statuses(batchId: string): Promise<Record<string, string>>;
}

export async function deliveryHarness(settings: Partial<ServicePlanRow> = {}): Promise<Harness> {
  const db = drizzle(new SqliteD1().migrate() as unknown as D1Database, { schema }) as Db;
  const sql = sqliteStorage();
  migrate(sql);
  const store = new QueueStore(sql);
  const clock = { now: T0 };
  const upstream = scriptedUpstream();
  const plan: ServicePlanRow = {
    id: "plan-1",
    name: null,
    rateLimit: 0,
    defaultOriginator: null,
    callbackUrl: null,
    webhookSecret: "secret",
    autoEncoding: false,
    optOutEnabled: true,
    optOutKeywords: null,
    optInKeywords: null,
    clockOffsetMs: 0,
    upstream: "simulator",
    sinchBaseUrl: null,
    sinchServicePlanId: null,
    sinchApiTokenEncrypted: null,
    sinchWebhookSecretEncrypted: null,
    createdAt: T0,
    modifiedAt: T0,
    ...NO_EXTRAS,
    ...settings,
  };
  await db.insert(servicePlans).values(plan);
  const crashes: CrashPoint[] = [];
  const deps: DeliveryDeps = {
    db,
    store,
    upstream,
    plan,
    now: () => clock.now,
    memory: freshMemory(),
    checkpoint: (point) => {
      if (crashes[0] !== point) return;
      crashes.shift();
      throw new Error(`simulated crash ${point}`);
    },
    // Nobody listens in these tests: the engine must then build no event that costs a query.
    live: { publish: () => undefined, listening: () => false },
  };
  const queue: QueueClient = {
    enqueue: async (jobs) => {
      addJobs(deps, jobs, clock.now);
    },
    cancel: async (batchId) => {
      dropFromLine(deps, batchId);
      await cancelBatch(deps, batchId);
    },
    advanceClock: async () => clock.now,
    callbacksPending: async (at) => store.noteCallbacksDue(at ?? clock.now),
    recordEvents: (events) => recordEvents(deps, events),
    publish: async (events) => deps.live.publish(events),
  };
  const deferred: Promise<unknown>[] = [];
  const ctx: PlanContext = { db, plan, now: () => clock.now, queue, defer: (work) => deferred.push(work) };
  const run = () => runDue(deps);
  return {
    db,
    store,
    upstream,
    deps,
    ctx,
    clock,
    crashes,
    async send(body) {
      const batch = await sendBatch(ctx, SendBatchRequest.parse({ from: "12345", body: "hi", ...body }));
      await Promise.all(deferred.splice(0));
      return batch;
    },
    cancel: async (batchId) => {
      await cancelService(ctx, batchId);
    },
    run,
    async settle(max = 100) {
      for (let i = 0; i < max; i++) {
        const before = JSON.stringify([store.count("jobs"), store.count("events"), store.count("inflight")]);
        await run();
        const after = JSON.stringify([store.count("jobs"), store.count("events"), store.count("inflight")]);
        if (before === after && store.dueJobs(clock.now, 1).length === 0) return;
      }
    },
    restart: () => {
      deps.memory = freshMemory();
    },
    async statuses(batchId) {
      const rows = await db.all<{ recipient: string; status: string; code: number }>(
        query`SELECT recipient, status, code FROM recipients WHERE batch_id = ${batchId} ORDER BY recipient`,
      );
      return Object.fromEntries(rows.map((r) => [r.recipient, `${r.status}/${r.code}`]));
    },
  };
}
