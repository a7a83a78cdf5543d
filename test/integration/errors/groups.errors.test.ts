// Error matrix of groups: create/update/replace limits, unknown and foreign group references, unknown ids.
import { beforeAll, describe, expect, it } from "vitest";
import {
  expectError,
  expectNothingWritten,
  groupOk,
  numbers,
  planRaw,
  unknownId,
} from "../../helpers/errors";
import { createPlan, type TestPlan } from "../../helpers/gateway";

const BAD_FORMAT = "syntax_invalid_parameter_format";
const CONSTRAINT = "syntax_constraint_violation";

const AUTO = { to: "12345", add: { first_word: "JOIN" }, remove: { first_word: "LEAVE" } };

/** The group reads back as before: same object, same members. */
async function expectGroupUnchanged(plan: TestPlan, groupId: string, act: () => Promise<unknown>) {
  const before = await plan.rest("GET", `/groups/${groupId}`);
  const members = await plan.rest("GET", `/groups/${groupId}/members`);
  await expectNothingWritten(plan.id, act);
  expect((await plan.rest("GET", `/groups/${groupId}`)).body).toEqual(before.body);
  expect((await plan.rest("GET", `/groups/${groupId}/members`)).body).toEqual(members.body);
}

describe("POST /groups (create) errors", () => {
  let plan: TestPlan;
  beforeAll(async () => {
    plan = await createPlan();
  });

  const cases = [
    { name: "name of 21 chars", body: { name: "n".repeat(21) }, code: CONSTRAINT, field: "name" },
    { name: "empty name", body: { name: "" }, code: CONSTRAINT, field: "name" },
    { name: "name a number", body: { name: 7 }, code: BAD_FORMAT, field: "name" },
    { name: "10,001 members", body: { members: numbers(10_001) }, code: CONSTRAINT, field: "members" },
    { name: "a bad member", body: { members: ["46701234567", "abc"] }, code: BAD_FORMAT, field: "members" },
    { name: "members not an array", body: { members: "46701234567" }, code: BAD_FORMAT, field: "members" },
    {
      name: "child group not an id",
      body: { child_groups: ["nope"] },
      code: BAD_FORMAT,
      field: "child_groups",
    },
    {
      name: "auto_update with a two-word keyword",
      body: { auto_update: { ...AUTO, add: { first_word: "JOIN NOW" } } },
      code: BAD_FORMAT,
      field: "auto_update",
    },
    {
      name: "auto_update keyword of 16 chars",
      body: { auto_update: { ...AUTO, add: { first_word: "K".repeat(16) } } },
      code: CONSTRAINT,
      field: "auto_update",
    },
    {
      name: "auto_update without `to`",
      body: { auto_update: { add: { first_word: "JOIN" } } },
      code: CONSTRAINT,
      field: "auto_update",
    },
    {
      name: "auto_update with a bad `to`",
      body: { auto_update: { ...AUTO, to: "abc" } },
      code: BAD_FORMAT,
      field: "auto_update",
    },
    { name: "body is an array", body: [], code: BAD_FORMAT },
  ];
  it.each(cases)("$name → 400 $code, nothing written", async (c) => {
    const res = await expectNothingWritten(plan.id, () => plan.rest("POST", "/groups", c.body));
    expectError(res, 400, c.code, c.field);
  });

  it("11 child groups → 400, nothing written", async () => {
    const children: string[] = [];
    for (let i = 0; i < 11; i++) children.push((await groupOk(plan, { name: `child ${i}` })).id);
    const res = await expectNothingWritten(plan.id, () =>
      plan.rest("POST", "/groups", { child_groups: children }),
    );
    expectError(res, 400, CONSTRAINT, "child_groups");
    // 10 is the limit, and accepted.
    const ok = await plan.rest("POST", "/groups", { child_groups: children.slice(0, 10) });
    expect(ok.status).toBe(201);
  });

  it("an unknown child group → 403 unknown_group, nothing written", async () => {
    const id = unknownId();
    const res = await expectNothingWritten(plan.id, () =>
      plan.rest("POST", "/groups", { name: "parent", members: ["46701234567"], child_groups: [id] }),
    );
    expectError(res, 403, "unknown_group", id);
  });

  it("another plan's group as a child → 403 unknown_group, nothing written", async () => {
    const other = await createPlan();
    const foreign = await groupOk(other, { name: "theirs" });
    const res = await expectNothingWritten(plan.id, () =>
      plan.rest("POST", "/groups", { child_groups: [foreign.id] }),
    );
    expectError(res, 403, "unknown_group", foreign.id);
  });

  it("malformed JSON → 400 syntax_invalid_json; text/plain → 415", async () => {
    const bad = await planRaw(plan, "POST", "/groups", {
      headers: { "content-type": "application/json" },
      body: '{"name": }',
    });
    expectError(bad, 400, "syntax_invalid_json");
    const plain = await planRaw(plan, "POST", "/groups", {
      headers: { "content-type": "text/plain" },
      body: "{}",
    });
    expectError(plain, 415, "unsupported_media_type");
  });
});

describe("POST/PUT /groups/{id} (update, replace) errors", () => {
  let plan: TestPlan;
  let group: any;
  beforeAll(async () => {
    plan = await createPlan();
    group = await groupOk(plan, { name: "base", members: ["46701234567", "46701234568"] });
  });

  it("update adding members beyond 10,000 total → 400, size unchanged", async () => {
    const big = await groupOk(plan, { name: "big", members: numbers(10_000, "4671") });
    expect(big.size).toBe(10_000);
    let res: any;
    await expectGroupUnchanged(plan, big.id, async () => {
      res = await plan.rest("POST", `/groups/${big.id}`, { add: ["46799999999"], name: "renamed" });
    });
    expectError(res, 400, CONSTRAINT, "add");
    expect((await plan.rest("GET", `/groups/${big.id}`)).body.size).toBe(10_000);
    // Adding a member that is already there, or adding one while removing one, stays at 10,000: accepted.
    const same = await plan.rest("POST", `/groups/${big.id}`, {
      add: ["46799999999"],
      remove: [numbers(1, "4671")[0]],
    });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    expect(same.body.size).toBe(10_000);
  });

  it("update add_from_group pushing beyond 10,000 → 400, size unchanged", async () => {
    const big = await groupOk(plan, { name: "big2", members: numbers(9_999, "4672") });
    const source = await groupOk(plan, { name: "src", members: ["46798888881", "46798888882"] });
    let res: any;
    await expectGroupUnchanged(plan, big.id, async () => {
      res = await plan.rest("POST", `/groups/${big.id}`, { add_from_group: source.id });
    });
    expectError(res, 400, CONSTRAINT);
  });

  const cases = [
    {
      name: "add with 10,001 members",
      body: { add: numbers(10_001) },
      status: 400,
      code: CONSTRAINT,
      field: "add",
    },
    { name: "add with a bad number", body: { add: ["abc"] }, status: 400, code: BAD_FORMAT, field: "add" },
    {
      name: "remove with a bad number",
      body: { remove: ["+0123"] },
      status: 400,
      code: BAD_FORMAT,
      field: "remove",
    },
    {
      name: "name of 21 chars",
      body: { name: "n".repeat(21) },
      status: 400,
      code: CONSTRAINT,
      field: "name",
    },
    {
      name: "auto_update with a two-word keyword",
      body: { auto_update: { ...AUTO, remove: { first_word: "STOP IT" } } },
      status: 400,
      code: BAD_FORMAT,
      field: "auto_update",
    },
    {
      name: "add_from_group not an id",
      body: { add_from_group: "nope" },
      status: 400,
      code: BAD_FORMAT,
      field: "add_from_group",
    },
  ];
  it.each(cases)("$name → $status $code, group unchanged", async (c) => {
    let res: any;
    await expectGroupUnchanged(plan, group.id, async () => {
      res = await plan.rest("POST", `/groups/${group.id}`, c.body);
    });
    expectError(res, c.status, c.code, c.field);
  });

  it("add_from_group / remove_from_group unknown → 403 unknown_group, group unchanged", async () => {
    for (const key of ["add_from_group", "remove_from_group"]) {
      const id = unknownId();
      let res: any;
      await expectGroupUnchanged(plan, group.id, async () => {
        res = await plan.rest("POST", `/groups/${group.id}`, { [key]: id, add: ["46701234569"] });
      });
      expectError(res, 403, "unknown_group", id);
    }
  });

  it("add_from_group of another plan → 403 unknown_group, group unchanged", async () => {
    const other = await createPlan();
    const foreign = await groupOk(other, { members: ["46709999999"] });
    let res: any;
    await expectGroupUnchanged(plan, group.id, async () => {
      res = await plan.rest("POST", `/groups/${group.id}`, { add_from_group: foreign.id });
    });
    expectError(res, 403, "unknown_group", foreign.id);
  });

  it("replace without `members` → 400; with an unknown child → 403; with itself as child → 400", async () => {
    let res: any;
    await expectGroupUnchanged(plan, group.id, async () => {
      res = await plan.rest("PUT", `/groups/${group.id}`, { name: "x" });
    });
    expectError(res, 400, CONSTRAINT, "members");
    const id = unknownId();
    await expectGroupUnchanged(plan, group.id, async () => {
      res = await plan.rest("PUT", `/groups/${group.id}`, { members: [], child_groups: [id] });
    });
    expectError(res, 403, "unknown_group", id);
    await expectGroupUnchanged(plan, group.id, async () => {
      res = await plan.rest("PUT", `/groups/${group.id}`, { members: [], child_groups: [group.id] });
    });
    expectError(res, 400, CONSTRAINT, "child_groups");
  });

  it("replace with 10,001 members → 400, group unchanged", async () => {
    let res: any;
    await expectGroupUnchanged(plan, group.id, async () => {
      res = await plan.rest("PUT", `/groups/${group.id}`, { members: numbers(10_001) });
    });
    expectError(res, 400, CONSTRAINT, "members");
  });

  it("update/replace of an unknown group → 404, nothing written", async () => {
    const id = unknownId();
    const upd = await expectNothingWritten(plan.id, () =>
      plan.rest("POST", `/groups/${id}`, { add: ["46701234567"] }),
    );
    expectError(upd, 404, "not_found", id);
    const rep = await expectNothingWritten(plan.id, () => plan.rest("PUT", `/groups/${id}`, { members: [] }));
    expectError(rep, 404, "not_found", id);
  });
});

describe("unknown groups: get, delete, members", () => {
  let plan: TestPlan;
  beforeAll(async () => {
    plan = await createPlan();
  });

  it("GET /groups/{unknown} → 404", async () => {
    const id = unknownId();
    expectError(await plan.rest("GET", `/groups/${id}`), 404, "not_found", id);
  });

  it("DELETE /groups/{unknown} → 404, nothing written", async () => {
    await groupOk(plan, { members: ["46701234567"] });
    const id = unknownId();
    const res = await expectNothingWritten(plan.id, () => plan.rest("DELETE", `/groups/${id}`));
    expectError(res, 404, "not_found", id);
  });

  it("GET /groups/{unknown}/members → 404", async () => {
    const id = unknownId();
    expectError(await plan.rest("GET", `/groups/${id}/members`), 404, "not_found", id);
  });

  it("DELETE twice → 404 the second time", async () => {
    const g = await groupOk(plan);
    const first = await plan.rest("DELETE", `/groups/${g.id}`);
    expect([200, 204]).toContain(first.status);
    expectError(await plan.rest("DELETE", `/groups/${g.id}`), 404, "not_found", g.id);
  });
});
