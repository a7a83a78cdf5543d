// Optional Workers Analytics Engine points: one per event class (status and code) of each recorded change.
import type { RecipientRow } from "../../db/schema";

/** The part of an Analytics Engine dataset binding the engine uses. */
export interface AnalyticsSink {
  writeDataPoint(point: { indexes?: string[]; blobs?: string[]; doubles?: number[] }): void;
}

/** Counts the changed rows by status and code and writes one point per class (blobs: status, code; double: count). */
export function writeEventPoints(
  sink: AnalyticsSink | undefined,
  planId: string,
  changed: RecipientRow[],
): void {
  if (!sink || changed.length === 0) return;
  const classes = new Map<string, { status: string; code: number; count: number }>();
  for (const row of changed) {
    const key = `${row.status}/${row.code}`;
    const c = classes.get(key) ?? { status: row.status, code: row.code, count: 0 };
    c.count++;
    classes.set(key, c);
  }
  try {
    for (const c of classes.values())
      sink.writeDataPoint({ indexes: [planId], blobs: [c.status, String(c.code)], doubles: [c.count] });
  } catch {
    // Analytics is best effort: the counters in D1 are the record, a failed point changes nothing.
  }
}
