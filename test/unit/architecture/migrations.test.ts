// The readiness check knows the newest migration: it must name the last file in migrations/.
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { LATEST_MIGRATION } from "../../../src/db/health";

it("LATEST_MIGRATION is the newest file in migrations/", () => {
  const files = readdirSync(path.resolve(import.meta.dirname, "../../../migrations"))
    .filter((f) => f.endsWith(".sql"))
    .sort();
  expect(LATEST_MIGRATION).toBe(files.at(-1));
});
