// `column IN (list)` with the whole list bound as one JSON value: D1 allows 100 bound parameters per statement,
// and a list (batch ids of a dispatch step, filters from a query string) can be longer.
import { type Column, type SQL, sql } from "drizzle-orm";

export function inList(column: Column | SQL, values: readonly (string | number)[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
