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
