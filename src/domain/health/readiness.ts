// Readiness: the database answers with every migration applied, and a queue object answers.
import type { Db } from "../../db/client";
import { LATEST_MIGRATION, lastAppliedMigration } from "../../db/health";

export interface Readiness {
  ok: boolean;
  checks: { database: string; migrations: string; queue: string };
}

const failed = (error: unknown) => `failed: ${error instanceof Error ? error.message : String(error)}`;

/** Each check runs even when another fails, so the answer says everything that is wrong at once. */
export async function readiness(db: Db, pingQueue: () => Promise<unknown>): Promise<Readiness> {
  const [migration, queue] = await Promise.allSettled([lastAppliedMigration(db), pingQueue()]);
  const checks = {
    database: migration.status === "fulfilled" ? "ok" : failed(migration.reason),
    migrations:
      migration.status === "rejected"
        ? "unknown"
        : migration.value === LATEST_MIGRATION
          ? "ok"
          : `behind: applied ${migration.value ?? "none"}, expected ${LATEST_MIGRATION}`,
    queue: queue.status === "fulfilled" ? "ok" : failed(queue.reason),
  };
  return { ok: Object.values(checks).every((c) => c === "ok"), checks };
}
