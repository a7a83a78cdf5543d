// The SendQueue's own SQLite: jobs in FIFO order, in-flight submissions, later status events, the callback outbox.
const SCHEMA = [
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
  `CREATE TABLE IF NOT EXISTS callbacks (
     id INTEGER PRIMARY KEY, url TEXT NOT NULL, body TEXT NOT NULL, attempts INTEGER NOT NULL, next_at INTEGER NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS callbacks_due ON callbacks (next_at)`,
];

export const SCHEMA_VERSION = "1";

/** Idempotent; runs in blockConcurrencyWhile before the object serves anything. */
export function migrate(sql: SqlStorage): void {
  for (const statement of SCHEMA) sql.exec(statement);
  sql.exec(`INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)`, SCHEMA_VERSION);
}

export type Job = {
  batch_id: string;
  seq: number;
  ready_at: number;
  expire_at: number;
  phase: "waiting" | "dispatching" | "reporting";
};

export type CallbackRow = {
  id: number;
  url: string;
  body: string;
  attempts: number;
  next_at: number;
};

export function getMeta(sql: SqlStorage, key: string): string | undefined {
  const row = sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = ?`, key).toArray()[0];
  return row?.value;
}

export function setMeta(sql: SqlStorage, key: string, value: string): void {
  sql.exec(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`, key, value);
}

/** Named operations on the queue's tables, so the object reads as steps rather than SQL. */
export class QueueStore {
  constructor(private readonly sql: SqlStorage) {}

  /** New jobs join the end of the line; a waiting job may be rescheduled; a started one is left alone. */
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
      this.sql.exec(`DELETE FROM jobs WHERE batch_id = ? AND phase != 'reporting'`, batchId);
    else this.sql.exec(`DELETE FROM jobs WHERE batch_id = ?`, batchId);
  }

  /** The front of the line: due batches in the order they became due, ties by arrival. */
  dueJobs(now: number, limit: number): Job[] {
    return this.sql
      .exec<Job>(
        `SELECT * FROM jobs WHERE phase != 'reporting' AND ready_at <= ? ORDER BY ready_at, seq LIMIT ?`,
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

  logInflight(key: string, entry: string): void {
    this.sql.exec(`INSERT OR REPLACE INTO inflight (key, message) VALUES (?, ?)`, key, entry);
  }

  inflight(): { key: string; message: string }[] {
    return this.sql.exec<{ key: string; message: string }>(`SELECT key, message FROM inflight`).toArray();
  }

  clearInflight(keys: string[]): void {
    for (const key of keys) this.sql.exec(`DELETE FROM inflight WHERE key = ?`, key);
  }

  addEvent(dueAt: number, event: string): void {
    this.sql.exec(`INSERT INTO events (due_at, event) VALUES (?, ?)`, dueAt, event);
  }

  dueEvents(now: number, limit: number): { id: number; event: string }[] {
    return this.sql
      .exec<{ id: number; event: string }>(
        `SELECT id, event FROM events WHERE due_at <= ? ORDER BY due_at, id LIMIT ?`,
        now,
        limit,
      )
      .toArray();
  }

  deleteEvents(ids: number[]): void {
    for (const id of ids) this.sql.exec(`DELETE FROM events WHERE id = ?`, id);
  }

  count(table: "jobs" | "inflight" | "events" | "callbacks"): number {
    return this.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).one().n;
  }

  /** When the earliest pending work of each kind is due (undefined: none). */
  nextTimes(): { event?: number; callback?: number; expiry?: number; ready?: number; inflight: boolean } {
    const min = (query: string) => this.sql.exec<{ t: number | null }>(query).one().t ?? undefined;
    return {
      event: min(`SELECT min(due_at) AS t FROM events`),
      callback: min(`SELECT min(next_at) AS t FROM callbacks`),
      expiry: min(`SELECT min(expire_at) AS t FROM jobs`),
      ready: min(`SELECT min(ready_at) AS t FROM jobs WHERE phase != 'reporting'`),
      inflight: this.count("inflight") > 0,
    };
  }
}
