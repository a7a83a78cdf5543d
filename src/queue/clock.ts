// The plan clock inside the queue object: wall time plus the plan's offset, and a jump that steps through the work
// falling due inside it, in due order.
import { getMeta, setMeta } from "./storage";

/** Wall time (replaceable by tests) plus how far the plan runs ahead, kept in the object's meta across restarts. */
export class PlanClock {
  private offset: number | undefined;

  constructor(
    private readonly sql: SqlStorage,
    readonly wall: () => number,
  ) {}

  now(): number {
    return this.wall() + this.ahead();
  }

  ahead(): number {
    this.offset ??= Number(getMeta(this.sql, "clock_offset") ?? 0);
    return this.offset;
  }

  setAhead(ms: number): void {
    this.offset = ms;
    setMeta(this.sql, "clock_offset", String(ms));
  }

  /** The object's storage was emptied: read the offset afresh. */
  forget(): void {
    this.offset = undefined;
  }
}

/** What the jump needs of the queue object. Times are plan time (wall clock + offset) unless named wall. */
export interface ClockHost {
  offset(): number;
  setOffset(ms: number): void;
  wall(): number;
  /** When the object next has work (its alarm time), or null. */
  nextDue(): Promise<number | null>;
  /** One run of everything due (what the alarm does). */
  runDue(): Promise<void>;
}

/** Bounds one jump: whatever is left after this many runs is done by the alarm, at once, in the usual way. */
const MAX_RUNS = 5_000;
const BUDGET_MS = 20_000;

/**
 * Moves the clock forward to `target` ms ahead of the wall clock. Rather than land there at once, the clock
 * stops at each due time on the way and runs the object, so a callback retried on a 22-hour schedule is
 * retried (and its timestamps written) at each step, and a receipt lands before an expiry due after it.
 */
export async function advanceTo(host: ClockHost, target: number): Promise<void> {
  if (target <= host.offset()) return;
  const stopAt = Date.now() + BUDGET_MS;
  for (let run = 0; run < MAX_RUNS && Date.now() < stopAt; run++) {
    const due = await host.nextDue();
    if (due === null || due > host.wall() + target) break;
    host.setOffset(Math.min(target, Math.max(host.offset(), due - host.wall())));
    await host.runDue();
  }
  host.setOffset(target);
}

/** What a jump needs of the queue object besides its clock: its alarm. */
export type JumpAlarm = Pick<ClockHost, "nextDue" | "runDue"> & {
  /** The offset moved: the alarm, set in wall time, no longer stands for the same plan time. */
  moved(): void;
};

/** advanceTo over the object's PlanClock, kept in its meta at every step. */
export function jumpClock(clock: PlanClock, alarm: JumpAlarm, target: number): Promise<void> {
  return advanceTo(
    {
      offset: () => clock.ahead(),
      setOffset: (ms) => {
        clock.setAhead(ms);
        alarm.moved();
      },
      wall: () => clock.wall(),
      nextDue: () => alarm.nextDue(),
      runDue: () => alarm.runDue(),
    },
    target,
  );
}
