// The database seam: picks the D1 database for a service plan and wraps it in drizzle.
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database };

const clients = new WeakMap<D1Database, Db>();

/**
 * Every plan lives in the one `DB` today. Sharding data by service plan later means changing only
 * this function; callers already say which plan they work for.
 */
export function databaseFor(env: { DB: D1Database }, _servicePlanId?: string): Db {
  let db = clients.get(env.DB);
  if (!db) {
    db = drizzle(env.DB, { schema });
    clients.set(env.DB, db);
  }
  return db;
}
