// Queries: is the database answering, and which migrations has wrangler applied to it.
import { sql } from "drizzle-orm";
import type { Db } from "./client";

/** The newest file in migrations/; a unit test keeps it in step with the folder. */
export const LATEST_MIGRATION = "0011_stat_hours.sql";

/** The last migration applied (wrangler's own table), or undefined when none was. */
export async function lastAppliedMigration(db: Db): Promise<string | undefined> {
  const rows = await db.all<{ name: string }>(sql`SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1`);
  return rows[0]?.name;
}
