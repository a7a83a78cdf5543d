// The 10,000-member cap of a group holds when several updates add members at the same moment.
import { describe, expect, it } from "vitest";
import { createPlan } from "../../helpers/gateway";
import { numbers } from "../../helpers/numbers";

describe("group cap under concurrent adds", { timeout: 60_000 }, () => {
  it("four concurrent adds of 4,000 numbers: two succeed, two get the cap error and write nothing", async () => {
    const plan = await createPlan();
    const group = (await plan.rest("POST", "/groups", { name: "Big" })).body.id;
    const results = await Promise.all(
      [0, 1, 2, 3].map((i) => plan.rest("POST", `/groups/${group}`, { add: numbers(4_000, `467${i}`) })),
    );
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(ok.length).toBe(2);
    for (const r of refused)
      expect(r).toMatchObject({
        status: 400,
        body: { code: "syntax_constraint_violation", text: "add: a group can have at most 10000 members" },
      });
    // Nothing partial: the members are exactly the two winners' numbers.
    const size = (await plan.rest("GET", `/groups/${group}`)).body.size;
    expect(size).toBe(8_000);
    expect(new Set(ok.map((r) => r.body.size))).toEqual(new Set([4_000, 8_000]));
  });
});
