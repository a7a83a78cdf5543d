// The SendQueue's own SQLite: jobs in FIFO order, in-flight submissions, later status events, when callbacks are due.
import type { DeliveryStore, Job, LegacyCallback, NextTimes } from "../domain/delivery/deps";
import type { LaterEvent, StatusEvent } from "../domain/delivery/events";
import type { LaterReply } from "../domain/delivery/later-reply";
import type { Inflight } from "../domain/delivery/outbound";
import type { Bucket } from "../domain/delivery/pacing";
import { addReplies, nextReplyAt, REPLIES_STEP } from "./replies";

/** Each step runs once, in order, gated by the stored version: storage evolves by adding a step. */
const STEPS: string[][] = [
  [
    `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    // phase: waiting (not started) -> dispatching -> reporting (all submitted; waits for receipts or expire_at)
    `CREATE TABLE IF NOT EXISTS jobs (
       batch_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, ready_at INTEGER NOT NULL, expire_at INTEGER NOT NULL, phase TEXT NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS jobs_line ON jobs (phase, ready_at, seq)`,
    `CREATE INDEX IF NOT EXISTS jobs_expiry ON jobs (expire_at)`,
    // A row here means "submitted, outcome not yet recorded": what a restart must reconcile.
    `CREATE TABLE IF NOT EXISTS inflight (key TEXT PRIMARY KEY, message TEXT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, due_at INTEGER NOT NULL, event TEXT NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS events_due ON events (due_at)`,
    // The callback outbox until it moved to D1: rows left here are moved there (legacyCallbacks).
    `CREATE TABLE IF NOT EXISTS callbacks (
       id INTEGER PRIMARY KEY, url TEXT NOT NULL, body TEXT NOT NULL, attempts INTEGER NOT NULL, next_at INTEGER NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS callbacks_due ON callbacks (next_at)`,
  ],
  // Live events for the plan's WebSockets: a ring of RING_SIZE slots (src/queue/live-events.ts), each the frame as sent.
  [
    `CREATE TABLE IF NOT EXISTS live_events (slot INTEGER PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, frame TEXT NOT NULL)`,
  ],
  REPLIES_STEP,
  // The next job's seq is max(seq) + 1: without this index every enqueue scanned the whole line.
  [`CREATE INDEX IF NOT EXISTS jobs_seq ON jobs (seq)`],
];

export const SCHEMA_VERSION = STEPS.length;

/** Idempotent; runs in blockConcurrencyWhile before the object serves anything. */
export function migrate(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  const stored = Number(getMeta(sql, "schema_version") ?? 0);
  for (let version = stored; version < STEPS.length; version++)
    for (const statement of STEPS[version] ?? []) sql.exec(statement);
  setMeta(sql, "schema_version", String(STEPS.length));
}

export function getMeta(sql: SqlStorage, key: string): string | undefined {
  const row = sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = ?`, key).toArray()[0];
  return row?.value;
}

export function setMeta(sql: SqlStorage, key: string, value: string): void {
  sql.exec(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`, key, value);
}

/** The delivery engine's store over the object's SQLite. */
export class QueueStore implements DeliveryStore {
  constructor(private readonly sql: SqlStorage) {}

  upsertJob(batchId: string, readyAt: number, expireAt: number): void {
    this.sql.exec(
      `INSERT INTO jobs (batch_id, seq, ready_at, expire_at, phase)
       VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM jobs), ?, ?, 'waiting')
       ON CONFLICT (batch_id) DO UPDATE SET ready_at = excluded.ready_at, expire_at = excluded.expire_at
       WHERE phase = 'waiting'`,
      batchId,
      readyAt,
      expireAt,
    );
  }

  setPhase(batchId: string, phase: Job["phase"]): void {
    this.sql.exec(`UPDATE jobs SET phase = ? WHERE batch_id = ?`, phase, batchId);
  }

  deleteJob(batchId: string, options: { unlessReporting?: boolean } = {}): void {
    if (options.unlessReporting)
      this.sql.exec(`DELETE FROM jobs WHERE batch_id = ? AND phase IN ('waiting', 'dispatching')`, batchId);
    else this.sql.exec(`DELETE FROM jobs WHERE batch_id = ?`, batchId);
  }

  dueJobs(now: number, limit: number): Job[] {
    return this.sql
      .exec<Job>(
        `SELECT * FROM jobs WHERE phase IN ('waiting', 'dispatching') AND ready_at <= ? ORDER BY ready_at, seq LIMIT ?`,
        now,
        limit,
      )
      .toArray();
  }

  expiredJob(now: number): Job | undefined {
    return this.sql
      .exec<Job>(`SELECT * FROM jobs WHERE expire_at <= ? ORDER BY expire_at LIMIT 1`, now)
      .toArray()[0];
  }

  logInflight(entries: Inflight[]): void {
    for (const entry of entries)
      this.sql.exec(
        `INSERT OR REPLACE INTO inflight (key, message) VALUES (?, ?)`,
        entry.message.key,
        JSON.stringify(entry),
      );
  }

  inflight(): Inflight[] {
    return this.sql
      .exec<{ message: string }>(`SELECT message FROM inflight`)
      .toArray()
      .map((r) => JSON.parse(r.message) as Inflight);
  }

  clearInflight(keys: string[]): void {
    for (const key of keys) this.sql.exec(`DELETE FROM inflight WHERE key = ?`, key);
  }

  addLater(events: LaterEvent[]): void {
    for (const { dueAt, ...event } of events)
      this.sql.exec(`INSERT INTO events (due_at, event) VALUES (?, ?)`, dueAt, JSON.stringify(event));
  }

  dueEvents(now: number, limit: number): { id: number; event: StatusEvent }[] {
    return this.sql
      .exec<{ id: number; event: string }>(
        `SELECT id, event FROM events WHERE due_at <= ? ORDER BY due_at, id LIMIT ?`,
        now,
        limit,
      )
      .toArray()
      .map((r) => ({ id: r.id, event: JSON.parse(r.event) as StatusEvent }));
  }

  deleteEvents(ids: number[]): void {
    for (const id of ids) this.sql.exec(`DELETE FROM events WHERE id = ?`, id);
  }

  addReplies(replies: LaterReply[]): void {
    addReplies(this.sql, replies);
  }

  private callbacksNotes = 0;

  noteCallbacksDue(at: number): void {
    this.callbacksNotes++;
    const due = this.callbacksDue();
    if (due === undefined || at < due) setMeta(this.sql, "callbacks_due", String(at));
  }

  callbacksDue(): number | undefined {
    const stored = getMeta(this.sql, "callbacks_due");
    return stored === undefined ? undefined : Number(stored);
  }

  callbacksMark(): number {
    return this.callbacksNotes;
  }

  settleCallbacksDue(at: number | undefined, mark: number): void {
    const due = this.callbacksDue();
    const keep = mark !== this.callbacksNotes && due !== undefined && (at === undefined || due < at);
    if (keep) return;
    if (at === undefined) this.sql.exec(`DELETE FROM meta WHERE key = 'callbacks_due'`);
    else setMeta(this.sql, "callbacks_due", String(at));
  }

  legacyCallbacks(limit: number): LegacyCallback[] {
    return this.sql
      .exec<LegacyCallback>(
        `SELECT id, url, body, attempts, next_at FROM callbacks ORDER BY id LIMIT ?`,
        limit,
      )
      .toArray();
  }

  deleteLegacyCallbacks(ids: number[]): void {
    for (const id of ids) this.sql.exec(`DELETE FROM callbacks WHERE id = ?`, id);
  }

  bucket(): Bucket | undefined {
    const stored = getMeta(this.sql, "bucket");
    return stored === undefined ? undefined : (JSON.parse(stored) as Bucket);
  }

  setBucket(bucket: Bucket): void {
    setMeta(this.sql, "bucket", JSON.stringify(bucket));
  }

  /** Which of these batches the line does not hold yet (live events announce only those). */
  unknownJobs(batchIds: string[]): string[] {
    // One primary-key probe each: a send enqueues one batch, and this runs on every send.
    return batchIds.filter(
      (id) => this.sql.exec(`SELECT 1 FROM jobs WHERE batch_id = ?`, id).toArray().length === 0,
    );
  }

  count(table: "jobs" | "inflight" | "events" | "callbacks"): number {
    return this.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).one().n;
  }

  nextTimes(): NextTimes {
    const min = (query: string) => this.sql.exec<{ t: number | null }>(query).one().t ?? undefined;
    return {
      event: min(`SELECT min(due_at) AS t FROM events`),
      callback: min(
        `SELECT min(t) AS t FROM (SELECT min(next_at) AS t FROM callbacks
           UNION ALL SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'callbacks_due')`,
      ),
      expiry: min(`SELECT min(expire_at) AS t FROM jobs`),
      ready: min(`SELECT min(ready_at) AS t FROM jobs WHERE phase IN ('waiting', 'dispatching')`),
      inflight: this.count("inflight") > 0,
      reply: nextReplyAt(this.sql),
    };
  }
}
