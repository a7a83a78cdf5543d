// Deleting a plan must reach every table holding its rows: each schema table with a service_plan_id column is listed.
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { expect, it } from "vitest";
import { PLAN_TABLES } from "../../../src/db/plan-removal";
import * as schema from "../../../src/db/schema";

it("PLAN_TABLES names every table with a service_plan_id column (tokens and plans are removed last, apart)", () => {
  const tables = Object.values(schema)
    .flatMap((t) => (is(t, SQLiteTable) ? [getTableConfig(t)] : []))
    .filter((c) => c.columns.some((col) => col.name === "service_plan_id"))
    .map((c) => c.name)
    .filter((name) => name !== "api_tokens");
  expect([...PLAN_TABLES].sort()).toEqual(tables.sort());
});
