// Every metric the statistics triggers can write has an id in STAT_METRICS: folded hour rows store ids only.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STAT_METRICS } from "../../../src/db/plan-stats";
import { DELIVERY_STATUSES } from "../../../src/domain/schemas/delivery-reports";

const migrations = path.join(import.meta.dirname, "../../../migrations");

describe("statistics metric ids", () => {
  it("cover every delivery status (the final-status trigger writes lower(status))", () => {
    const known = new Set<string>(STAT_METRICS);
    for (const status of DELIVERY_STATUSES)
      if (status !== "Queued")
        expect({ status, known: known.has(status.toLowerCase()) }).toEqual({ status, known: true });
  });

  it("cover every metric name a migration writes into plan_stats", () => {
    const written = new Set<string>();
    for (const file of readdirSync(migrations).filter((f) => f.endsWith(".sql"))) {
      const text = readFileSync(path.join(migrations, file), "utf8");
      // INSERT INTO plan_stats ... VALUES/SELECT (plan, minute, '<metric>', code, count)
      for (const m of text.matchAll(/(?:\/ 60000,|THEN|ELSE)\s+'([a-z_]+)'/g)) written.add(m[1] as string);
    }
    expect([...written].sort()).toEqual([
      "accepted",
      "callback_failed",
      "callback_ok",
      "dispatched",
      "inbound",
      "parts",
    ]);
    for (const metric of written) expect(STAT_METRICS).toContain(metric);
  });
});
