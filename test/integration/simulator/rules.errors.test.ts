// Invalid simulator rules: a 400 naming the rule and field, the same over REST and tRPC, and nothing stored.
import { describe, expect, it } from "vitest";
import { expectError } from "../../helpers/errors";
import { call, createPlan, rpcError } from "../../helpers/gateway";
import { putRules, setRules, simulatorPath } from "../../helpers/simulator-script";

const ok = { match: { prefix: "4670" } };

const cases: [string, unknown, string][] = [
  ["two matches", { rules: [ok, { match: { number: "46700000001", prefix: "4670" } }] }, "rules[1].match"],
  ["no match", { rules: [{ outcome: { status: "Delivered" } }] }, "rules[0].match"],
  ["a bad number", { rules: [{ match: { number: "12ab" } }] }, "rules[0].match.number"],
  ["a bad prefix", { rules: [{ match: { prefix: "46-70" } }] }, "rules[0].match.prefix"],
  ["an invalid pattern", { rules: [ok, ok, { match: { pattern: "[12" } }] }, "rules[2].match.pattern"],
  ["a nested repetition", { rules: [{ match: { pattern: "(\\d+)+1" } }] }, "rules[0].match.pattern"],
  ["a repeated alternation", { rules: [{ match: { pattern: "(1|12)*3" } }] }, "rules[0].match.pattern"],
  ["a lookahead", { rules: [{ match: { pattern: "(?=46)\\d+" } }] }, "rules[0].match.pattern"],
  ["a back-reference", { rules: [{ match: { pattern: "(\\d)\\1" } }] }, "rules[0].match.pattern"],
  ["an unknown status", { rules: [{ ...ok, outcome: { status: "Lost" } }] }, "rules[0].outcome.status"],
  ["a code on none", { rules: [{ ...ok, outcome: { status: "none", code: 3 } }] }, "rules[0].outcome"],
  ["a negative delay", { rules: [{ ...ok, delay_ms: -1 }] }, "rules[0].delay_ms"],
  ["a reversed range", { rules: [{ ...ok, delay_ms: [5, 1] }] }, "rules[0].delay_ms"],
  ["unknown receipts", { rules: [{ ...ok, receipts: "twice" }] }, "rules[0].receipts"],
  [
    "a 404 submit_error",
    { rules: [{ ...ok, submit_error: { status: 404, times: 1 } }] },
    "rules[0].submit_error.status",
  ],
  [
    "zero times",
    { rules: [{ ...ok, submit_error: { status: 429, times: 0 } }] },
    "rules[0].submit_error.times",
  ],
  ["an empty reply", { rules: [{ ...ok, reply: { body: "" } }] }, "rules[0].reply.body"],
  ["an unknown field", { rules: [{ ...ok, outcomes: {} }] }, "rules[0]"],
  ["101 rules", { rules: Array.from({ length: 101 }, () => ok) }, "rules"],
  ["a bad seed", { rules: [], seed: -1 }, "seed"],
];

describe("simulator rules validation", () => {
  it.each(cases)("refuses %s with a 400 naming it, over REST and tRPC", async (_name, body, field) => {
    const plan = await createPlan();
    await setRules(plan, [{ match: { number: "46700000009" } }], 3);
    const res = await putRules(plan, body);
    expectError(res, 400, res.body.code, field);
    expect(res.body.code).toMatch(/^syntax_/);
    const rpc = await rpcError(plan.rpc.simulator.rules.set.mutate(body as never));
    expect(rpc).toEqual({ status: 400, code: res.body.code, text: res.body.text });
    expect((await plan.rpc.simulator.rules.get.query()).rules).toEqual([
      { match: { number: "46700000009" } },
    ]);
  });

  it("accepts exactly 100 rules", async () => {
    const plan = await createPlan();
    const rules = Array.from({ length: 100 }, (_, i) => ({
      match: { number: `4670000${String(i).padStart(4, "0")}` },
    }));
    const res = await putRules(plan, { rules });
    expect(res.status).toBe(200);
    expect(res.body.rules).toHaveLength(100);
  });

  it("needs the plan's token", async () => {
    const plan = await createPlan();
    const other = await createPlan();
    const res = await call("GET", simulatorPath(plan, "/rules"), { token: other.token });
    expectError(res, 401, "unauthorized");
  });
});
