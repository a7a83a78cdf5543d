// D1 and Durable Object SQL storage over Node's own SQLite, for unit tests of code that queries them: real SQL,
// real migrations, in memory, without the Workers runtime.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";

const bindable = (v: unknown): SQLInputValue =>
  v === undefined ? null : typeof v === "boolean" ? Number(v) : (v as SQLInputValue);

/** D1 calls made so far: each statement run on its own, and each batch, is one round trip. */
interface RoundTrips {
  count: number;
}

class Statement {
  constructor(
    private readonly sqlite: DatabaseSync,
    private readonly trips: RoundTrips,
    private readonly query: string,
    private readonly params: SQLInputValue[] = [],
  ) {}

  bind(...values: unknown[]): Statement {
    return new Statement(this.sqlite, this.trips, this.query, values.map(bindable));
  }

  /** What D1's all() and run() answer: rows (for RETURNING too) and a success flag. */
  allNow() {
    const results = this.sqlite.prepare(this.query).all(...this.params);
    return { results: results.map((r) => ({ ...r })), success: true, meta: {} };
  }

  async all() {
    this.trips.count++;
    return this.allNow();
  }

  async run() {
    this.trips.count++;
    return this.allNow();
  }

  async first(column?: string) {
    this.trips.count++;
    const row = this.allNow().results[0] as Record<string, unknown> | undefined;
    return column === undefined ? (row ?? null) : (row?.[column] ?? null);
  }

  async raw(options?: { columnNames?: boolean }) {
    this.trips.count++;
    const statement = this.sqlite.prepare(this.query);
    statement.setReturnArrays(true);
    const rows = statement.all(...this.params) as unknown[];
    return options?.columnNames ? [statement.columns().map((c) => c.name), ...rows] : rows;
  }
}

/** The part of D1Database that drizzle and src/db use; `batch` is one transaction, as on D1. */
export class SqliteD1 {
  readonly sqlite = new DatabaseSync(":memory:");
  readonly trips: RoundTrips = { count: 0 };

  prepare(query: string): Statement {
    return new Statement(this.sqlite, this.trips, query);
  }

  async batch(statements: Statement[]) {
    this.trips.count++;
    this.sqlite.exec("BEGIN");
    try {
      const results = statements.map((s) => s.allNow());
      this.sqlite.exec("COMMIT");
      return results;
    } catch (error) {
      this.sqlite.exec("ROLLBACK");
      throw error;
    }
  }

  async exec(query: string) {
    this.sqlite.exec(query);
    return { count: 0, duration: 0 };
  }

  /** Applies migrations/*.sql in order, as wrangler does. */
  migrate(): this {
    const dir = path.resolve(import.meta.dirname, "../../../migrations");
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith(".sql"))
      .sort())
      for (const statement of readFileSync(path.join(dir, file), "utf8").split("--> statement-breakpoint"))
        if (statement.trim()) this.sqlite.exec(statement);
    return this;
  }
}

/** The Durable Object's `ctx.storage.sql` over Node's SQLite: exec() with a cursor's toArray() and one(). */
export function sqliteStorage(): SqlStorage {
  const sqlite = new DatabaseSync(":memory:");
  const exec = (query: string, ...bindings: unknown[]) => {
    const rows = sqlite
      .prepare(query)
      .all(...bindings.map(bindable))
      .map((r) => ({ ...r }));
    return {
      toArray: () => rows,
      one: () => {
        if (rows.length !== 1) throw new Error(`expected exactly one row, got ${rows.length}`);
        return rows[0];
      },
      [Symbol.iterator]: () => rows[Symbol.iterator](),
    };
  };
  return { exec } as unknown as SqlStorage;
}
