// The cron's statistics step: counter rows of finished minutes are folded into one row per plan and hour.
import type { Db } from "../../db/client";
import { foldStatMinutes } from "../../db/plan-stats";
import { MINUTE_MS } from "../time";

/**
 * Folds every minute before the previous one (the current and previous minutes still take writes). A counter
 * row written into a folded minute later still counts: reads combine both tables, and the next run folds it.
 */
export const foldFinishedMinutes = (db: Db, now: number): Promise<number> =>
  foldStatMinutes(db, Math.floor(now / MINUTE_MS) - 1);
