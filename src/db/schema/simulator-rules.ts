// Tables: a plan's scripted simulator rules (with the seed of their random delays) and each rule's refusal count.
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const simulatorRules = sqliteTable("simulator_rules", {
  servicePlanId: text("service_plan_id").primaryKey(),
  /** The rules as the API stored them (JSON array), first match wins. */
  rules: text("rules").notNull(),
  /** Seeds the delay draws, so a run repeats. */
  seed: integer("seed").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** How many submissions a rule's `submit_error` has refused so far: reset whenever the rules are replaced. */
export const simulatorRefusals = sqliteTable(
  "simulator_refusals",
  {
    servicePlanId: text("service_plan_id").notNull(),
    rule: integer("rule").notNull(),
    refused: integer("refused").notNull(),
  },
  (t) => [primaryKey({ columns: [t.servicePlanId, t.rule] })],
);

export type SimulatorRulesRow = typeof simulatorRules.$inferSelect;
