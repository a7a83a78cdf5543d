// Rule patterns: the safe subset is accepted and anchored; shapes that backtrack exponentially are refused.
import { describe, expect, it } from "vitest";
import { compilePattern, patternProblem } from "../../../src/domain/simulator/rule-pattern";

describe("rule patterns", () => {
  it.each(["4670\\d{7}", "^46(70|73)\\d+$", "[0-9]{3}9[0-4]\\d?", "(?:12|34)?5+", "(\\d{2}){3}", "4.*1"])(
    "accepts %s",
    (source) => {
      expect(patternProblem(source)).toBeUndefined();
    },
  );

  it.each([
    ["", "characters"],
    ["1".repeat(65), "characters"],
    ["(\\d+)+", "repeat"],
    ["(\\d*)*1", "repeat"],
    ["((12)+)+", "repeat"],
    ["(1|11)+2", "repeat"],
    ["(\\d{1,3}){2,}", "repeat"],
    ["(?<=4)6", "may use only"],
    ["(?!4)6", "may use only"],
    ["(\\d)\\1", "may use only"],
    ["\\w+", "may use only"],
    ["a+", "may use only"],
    ["[12", "valid regular expression"],
    ["12)", "valid regular expression"],
  ])("refuses %s", (source, problem) => {
    expect(patternProblem(source)).toContain(problem);
  });

  it("matches the whole number only", () => {
    const re = compilePattern("4670\\d{3}");
    expect(re.test("4670123")).toBe(true);
    expect(re.test("46701234")).toBe(false);
    expect(re.test("14670123")).toBe(false);
    expect(compilePattern("^46\\d+$").test("46700")).toBe(true);
  });

  it("takes no noticeable time on the worst accepted shapes", () => {
    const started = performance.now();
    for (const source of ["\\d*\\d*\\d*\\d*\\d*1", "(\\d{2}){7}1", ".*.*.*.*2"])
      for (let i = 0; i < 100; i++) compilePattern(source).test("467000000000000");
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
