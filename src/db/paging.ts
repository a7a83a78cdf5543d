// One round trip for a page of rows and the total count it belongs to.
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import { atomic } from "./batch";
import type { Db } from "./client";

export async function countAndPage<C extends BatchItem<"sqlite">, R extends BatchItem<"sqlite">>(
  db: Db,
  countQuery: C,
  rowsQuery: R,
): Promise<{ total: number; rows: BatchResponse<[R]>[0] }> {
  const [totals, rows] = await atomic(db, [countQuery, rowsQuery] as [C | R, C | R]);
  return { total: (totals as { n: number }[])[0]?.n ?? 0, rows: rows as BatchResponse<[R]>[0] };
}
