// The counts a queue object answers stats() with: what it holds, the plan's callbacks pending in D1, its alarm.
import { pendingCallbackCount } from "../db/callbacks";
import { databaseFor } from "../db/client";
import type { QueueStore } from "./storage";

export interface QueueStats {
  jobs: number;
  inflight: number;
  events: number;
  callbacks: number;
  alarm: number | null;
}

export async function queueStats(
  env: Env,
  store: QueueStore,
  storage: DurableObjectStorage,
  planId: string | undefined,
): Promise<QueueStats> {
  return {
    jobs: store.count("jobs"),
    inflight: store.count("inflight"),
    events: store.count("events"),
    callbacks:
      store.count("callbacks") +
      (planId === undefined ? 0 : await pendingCallbackCount(databaseFor(env, planId), planId)),
    alarm: await storage.getAlarm(),
  };
}
