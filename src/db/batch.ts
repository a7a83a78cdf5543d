// Atomic multi-statement writes on D1 (its only transaction), including raw `db.run(sql)` statements.
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { Db } from "./client";

interface Prepared {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(result: unknown, isFromBatch: boolean): unknown;
}

/**
 * Same contract as drizzle's `db.batch`. drizzle 0.45's D1 batch crashes on a raw `db.run(sql)` with
 * bound values (it reads a prepared statement raw queries do not have), so each item is prepared
 * here from its SQL and params, the path drizzle itself takes for parameterless queries.
 */
export async function atomic<U extends BatchItem<"sqlite">, T extends Readonly<[U, ...U[]]>>(
  db: Db,
  queries: T,
): Promise<BatchResponse<T>> {
  const prepared = queries.map((q) => (q as unknown as { _prepare(): Prepared })._prepare());
  const statements = prepared.map((p) => {
    const { sql, params } = p.getQuery();
    return db.$client.prepare(sql).bind(...params);
  });
  const results = await db.$client.batch(statements);
  return results.map((result, i) => prepared[i]?.mapResult(result, true)) as BatchResponse<T>;
}
