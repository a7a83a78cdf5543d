// Group behaviour over REST: members as a set, adds before removes, groups of groups, auto_update, plan walls.
import { describe, expect, it } from "vitest";
import { createPlan } from "../../helpers/gateway";

describe("groups", () => {
  it("keeps a number once, normalises numbers and lists members sorted", async () => {
    const plan = await createPlan();
    const res = await plan.rest("POST", "/groups", {
      name: "A",
      members: ["+46700000002", "0046700000002", "46700000001"],
    });
    expect(res.body.size).toBe(2);
    expect((await plan.rest("GET", `/groups/${res.body.id}/members`)).body).toEqual([
      "46700000001",
      "46700000002",
    ]);
  });

  it("applies adds before removes, add_from_group and remove_from_group, keeps name unless null", async () => {
    const plan = await createPlan();
    const other = (await plan.rest("POST", "/groups", { members: ["46700000008", "46700000009"] })).body.id;
    const drop = (await plan.rest("POST", "/groups", { members: ["46700000009"] })).body.id;
    const g = (await plan.rest("POST", "/groups", { name: "Keep", members: ["46700000001"] })).body.id;
    const res = await plan.rest("POST", `/groups/${g}`, {
      add: ["46700000002", "46700000003"],
      remove: ["46700000003", "46700000004"],
      add_from_group: other,
      remove_from_group: drop,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Keep", size: 3 });
    expect((await plan.rest("GET", `/groups/${g}/members`)).body).toEqual([
      "46700000001",
      "46700000002",
      "46700000008",
    ]);
    const cleared = await plan.rest("POST", `/groups/${g}`, { name: null });
    expect(cleared.body.name).toBeUndefined();
    expect(cleared.body.size).toBe(3);
  });

  it("stores and returns auto_update, and clears it with null", async () => {
    const plan = await createPlan();
    const autoUpdate = {
      to: "+12345678",
      add: { first_word: "JOIN" },
      remove: { first_word: "LEAVE", second_word: "NOW" },
    };
    const res = await plan.rest("POST", "/groups", { name: "Club", auto_update: autoUpdate });
    expect(res.body.auto_update).toEqual({ ...autoUpdate, to: "12345678" });
    expect((await plan.rest("GET", `/groups/${res.body.id}`)).body.auto_update).toEqual({
      ...autoUpdate,
      to: "12345678",
    });
    const cleared = await plan.rest("POST", `/groups/${res.body.id}`, { auto_update: null });
    expect(cleared.body.auto_update).toBeUndefined();
  });

  it("lists newest first with paging and returns child_groups", async () => {
    const plan = await createPlan();
    const child = (await plan.rest("POST", "/groups", { name: "child" })).body.id;
    const parent = (await plan.rest("POST", "/groups", { name: "parent", child_groups: [child] })).body;
    expect(parent.child_groups).toEqual([child]);
    const list = await plan.rest("GET", "/groups?page_size=1");
    expect(list.body).toMatchObject({ count: 2, page: 0, page_size: 1 });
    expect(list.body.groups[0].id).toBe(parent.id);
  });

  it("holds 10,000 members", async () => {
    const plan = await createPlan();
    const members = Array.from({ length: 10_000 }, (_, i) => `4671${String(i).padStart(6, "0")}`);
    const res = await plan.rest("POST", "/groups", { members });
    expect(res.status).toBe(201);
    expect(res.body.size).toBe(10_000);
    const batch = await plan.rest("POST", "/batches", { from: "12345", to: [res.body.id], body: "x" });
    const report = await plan.rest("GET", `/batches/${batch.body.id}/delivery_report`);
    expect(report.body.total_message_count).toBe(10_000);
  });

  it("deleting a group of another plan is a 404 and leaves its members alone", async () => {
    const a = await createPlan();
    const b = await createPlan();
    const g = (await a.rest("POST", "/groups", { members: ["46700000001"] })).body.id;
    expect((await b.rest("DELETE", `/groups/${g}`)).status).toBe(404);
    expect((await b.rest("GET", `/groups/${g}/members`)).status).toBe(404);
    expect((await a.rest("GET", `/groups/${g}/members`)).body).toEqual(["46700000001"]);
  });
});
