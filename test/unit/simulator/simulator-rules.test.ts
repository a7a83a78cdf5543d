// Rule books: first match wins, outcomes and their default codes, and seeded delays that repeat.
import { describe, expect, it } from "vitest";
import { SetSimulatorRulesRequest } from "../../../src/domain/schemas/simulator-rules";
import { compileRules, ruleDelay, ruleFor, ruleOutcome } from "../../../src/upstream/simulator-rules";

const book = (rules: unknown[], seed = 1) => {
  const parsed = SetSimulatorRulesRequest.parse({ rules, seed });
  return compileRules(parsed.rules, seed);
};

describe("simulator rules", () => {
  it("picks the first rule that matches, by number, prefix or whole-number pattern", () => {
    const b = book([
      { match: { number: "+46 700 000 001" } },
      { match: { prefix: "46700" } },
      { match: { pattern: "4671\\d{3}" } },
    ]);
    expect(ruleFor(b, "46700000001")?.index).toBe(0);
    expect(ruleFor(b, "46700000002")?.index).toBe(1);
    expect(ruleFor(b, "4671123")?.index).toBe(2);
    expect(ruleFor(b, "46711234")).toBeUndefined();
  });

  it("maps outcomes to report statuses with default codes; no outcome falls back to the last four digits", () => {
    const [delivered, failed, aborted, none] = book([
      { match: { prefix: "1" }, outcome: { status: "Delivered" } },
      { match: { prefix: "2" }, outcome: { status: "Failed", code: 21 } },
      { match: { prefix: "3" }, outcome: { status: "Aborted" } },
      { match: { prefix: "4" }, outcome: { status: "none" } },
    ]).rules.map((r) => r.rule);
    expect(ruleOutcome(delivered, "46700009500").final).toEqual({ status: "Delivered", code: 0 });
    expect(ruleOutcome(failed, "x").final).toEqual({ status: "Failed", code: 21 });
    expect(ruleOutcome(aborted, "x")).toEqual({ submitted: { status: "Aborted", code: 402 } });
    expect(ruleOutcome(none, "x")).toEqual({ submitted: { status: "Dispatched", code: 401 } });
    expect(ruleOutcome(undefined, "46700009600").final).toEqual({ status: "Rejected", code: 16 });
  });

  it("draws [min, max] delays within the range, the same for the same seed, different for another", () => {
    const to = Array.from({ length: 50 }, (_, i) => `467000000${String(i).padStart(2, "0")}`);
    const delays = (seed: number) => {
      const b = book([{ match: { prefix: "4670" }, delay_ms: [100, 900] }], seed);
      return to.map((r) => ruleDelay(b, ruleFor(b, r), r, 2_000));
    };
    const a = delays(7);
    expect(a.every((d) => d >= 100 && d <= 900)).toBe(true);
    expect(new Set(a).size).toBeGreaterThan(10);
    expect(delays(7)).toEqual(a);
    expect(delays(8)).not.toEqual(a);
    const fixed = book([{ match: { prefix: "4670" }, delay_ms: 250 }]);
    expect(ruleDelay(fixed, ruleFor(fixed, "4670"), "4670", 2_000)).toBe(250);
    expect(ruleDelay(fixed, undefined, "4680", 2_000)).toBe(2_000);
  });
});
