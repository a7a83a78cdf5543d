// What the delivery engine works with, passed in explicitly: the plan's D1, the queue object's own store, the
// upstream, the clock, what the engine keeps in memory between runs, and the checkpoints tests may crash at.
import type { Db } from "../../db/client";
import type { BatchRow, ServicePlanRow } from "../../db/schema";
import type { Upstream } from "../../upstream/upstream";
import type { Draft } from "../batches/render";
import type { LiveEventInput } from "../schemas/live-events";
import type { AnalyticsSink } from "../stats/analytics";
import type { EngineLog } from "./engine-log";
import type { LaterEvent, StatusEvent } from "./events";
import type { LaterReply } from "./later-reply";
import type { Inflight } from "./outbound";
import type { Bucket } from "./pacing";

/** A batch in the plan's line. phase: waiting (not started) -> dispatching -> reporting (all submitted). */
export type Job = {
  batch_id: string;
  seq: number;
  ready_at: number;
  expire_at: number;
  phase: "waiting" | "dispatching" | "reporting";
};

/** A callback left in the queue object's own outbox before the outbox moved to D1. */
export type LegacyCallback = {
  id: number;
  url: string;
  body: string;
  attempts: number;
  next_at: number;
};

/** When the earliest pending work of each kind is due (undefined: none). */
export interface NextTimes {
  event?: number;
  callback?: number;
  expiry?: number;
  ready?: number;
  /** A scripted handset reply (simulator rules). */
  reply?: number;
  inflight: boolean;
}

/** The queue object's durable storage, as named operations (SQLite in the Durable Object; the same in tests). */
export interface DeliveryStore {
  /** New jobs join the end of the line; a waiting job may be rescheduled; a started one is left alone. */
  upsertJob(batchId: string, readyAt: number, expireAt: number): void;
  setPhase(batchId: string, phase: Job["phase"]): void;
  deleteJob(batchId: string, options?: { unlessReporting?: boolean }): void;
  /** The front of the line: due batches in the order they became due, ties by arrival. */
  dueJobs(now: number, limit: number): Job[];
  expiredJob(now: number): Job | undefined;
  /** Written before a submission: what a restart must reconcile. */
  logInflight(entries: Inflight[]): void;
  inflight(): Inflight[];
  clearInflight(keys: string[]): void;
  addLater(events: LaterEvent[]): void;
  dueEvents(now: number, limit: number): { id: number; event: StatusEvent }[];
  deleteEvents(ids: number[]): void;
  /** Scripted handset replies, kept until due; idempotent per answered message. */
  addReplies(replies: LaterReply[]): void;
  /** Callbacks pending in D1 are due at `at` (or earlier): wake for them then. */
  noteCallbacksDue(at: number): void;
  callbacksDue(): number | undefined;
  /** Changes with every note: a drain that read D1 before a note must not erase it. */
  callbacksMark(): number;
  /** What a drain found in D1 (undefined: nothing pending); kept as the earlier one if noted since `mark`. */
  settleCallbacksDue(at: number | undefined, mark: number): void;
  /** Rows of the old outbox in the object's SQLite, to be moved to D1. */
  legacyCallbacks(limit: number): LegacyCallback[];
  deleteLegacyCallbacks(ids: number[]): void;
  bucket(): Bucket | undefined;
  setBucket(bucket: Bucket): void;
  nextTimes(): NextTimes;
  count(table: "jobs" | "inflight" | "events" | "callbacks"): number;
}

export interface ActiveBatch {
  row: BatchRow;
  draft: Draft;
}

/** What the engine keeps between runs of one queue object; lost on restart, and nothing depends on it surviving. */
export interface EngineMemory {
  /** Batches being dispatched, read once rather than per step. */
  active: Map<string, ActiveBatch>;
  /** When a dispatch step last emptied the line (after a restart: no wait). */
  drainedAt: number;
  /** While the upstream is unavailable, dispatch waits until then (after a restart: try at once). */
  backoffUntil: number;
  upstreamFailures: number;
}

export const freshMemory = (): EngineMemory => ({
  active: new Map(),
  drainedAt: Number.NEGATIVE_INFINITY,
  backoffUntil: 0,
  upstreamFailures: 0,
});

/** Where a dispatch step may be cut short, as a crash would: tests throw there to prove nothing is lost or sent twice. */
export type CrashPoint = "after-submit" | "after-record" | "after-apply";

/**
 * The plan's live-event feed (the queue object's WebSockets). `publish` is cheap (one local SQLite insert);
 * `listening` says whether anyone is connected, so events that cost a D1 query are built only then.
 */
export interface LiveSink {
  publish(events: LiveEventInput[]): void;
  listening(): boolean;
}

export interface DeliveryDeps {
  db: Db;
  store: DeliveryStore;
  upstream: Upstream;
  plan: ServicePlanRow;
  now: () => number;
  memory: EngineMemory;
  checkpoint: (point: CrashPoint) => void;
  live: LiveSink;
  /** Structured engine log lines (dispatch steps, upstream errors); absent means silent. */
  log?: EngineLog;
  /** Workers Analytics Engine, when the optional binding is configured. */
  analytics?: AnalyticsSink;
  /** Called between steps of a run: lets other work that is due (another plan's alarm) go first. */
  yieldBetweenSteps?: () => Promise<void>;
}
