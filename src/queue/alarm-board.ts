// When the queue objects sharing this isolate want their alarms, so that a long run can let a due one fire.
//
// Under workerd an alarm is a timer, and timers are only looked at when the event loop runs dry. A run whose
// steps call local D1 (an in-process service) keeps the loop busy, so another plan's alarm, already due, waited
// for the whole run to end: a neighbour's batch was dispatched up to a run budget late. Yielding to the loop
// between steps costs little, but only when some other object here is actually waiting is it worth paying.

/** An alarm this overdue is not going to fire here (its object moved or was evicted): stop yielding to it. */
const STALE_MS = 10_000;

/** Wall-clock alarm time (ms) by plan id; absent when the plan's object has no alarm pending or is running. */
const wanted = new Map<string, number>();

/** Records the plan's alarm as set (wall time), or that it has none or has just fired (null). */
export function noteAlarm(planId: string, wallAt: number | null): void {
  if (wallAt === null) wanted.delete(planId);
  else wanted.set(planId, wallAt);
}

/** True when another plan's alarm in this isolate is due by `wallNow`. */
export function othersDue(planId: string, wallNow: number): boolean {
  for (const [id, at] of wanted) if (id !== planId && at <= wallNow && wallNow - at < STALE_MS) return true;
  return false;
}

/** Lets the event loop run dry once (so due timers fire) when another plan's alarm is due. */
export async function yieldToDueAlarms(planId: string): Promise<void> {
  if (othersDue(planId, Date.now())) await new Promise((resolve) => setTimeout(resolve, 0));
}
