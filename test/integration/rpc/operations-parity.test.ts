// Every operation both ways: REST answers the seed's status with a body valid against the seed schema, tRPC returns the same JSON.
import { describe, expect, it } from "vitest";
import type { SendBatchInput } from "../../../src/domain/schemas/batches";
import { insertInboundFixture, setRecipientStatus } from "../../helpers/fixtures";
import { createPlan, type TestPlan } from "../../helpers/gateway";
import { seedViolations } from "../../helpers/seed-schema";

const VOLATILE = new Set([
  "id",
  "batch_id",
  "created_at",
  "modified_at",
  "send_at",
  "expire_at",
  "at",
  "received_at",
]);

/** Drops ids and timestamps so two independently created resources compare equal. */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !VOLATILE.has(k))
        .map(([k, v]) => [k, stable(v)]),
    );
  return value;
}

const send: SendBatchInput = {
  from: "12345",
  to: ["+46701000001", "46701000002"],
  body: "Hi ${n}",
  parameters: { n: { default: "you" } },
  delivery_report: "full",
  send_at: "2099-01-01T00:00:00Z",
};

async function twoBatches(plan: TestPlan) {
  const a = await plan.rest("POST", "/batches", send);
  const b = await plan.rpc.batches.send.mutate(send);
  return { rest: a.body.id as string, rpc: b.id };
}

describe("batches", () => {
  it("sendBatch", async () => {
    const plan = await createPlan();
    const rest = await plan.rest("POST", "/batches", send);
    expect(rest.status).toBe(201);
    expect(seedViolations("sendBatch", 201, rest.body)).toEqual([]);
    const rpc = await plan.rpc.batches.send.mutate(send);
    expect(stable(rpc)).toEqual(stable(rest.body));
  });

  it("listBatches", async () => {
    const plan = await createPlan();
    await twoBatches(plan);
    const rest = await plan.rest("GET", "/batches?page_size=1");
    expect(rest.status).toBe(200);
    expect(seedViolations("listBatches", 200, rest.body)).toEqual([]);
    expect(rest.body).toMatchObject({ count: 2, page: 0, page_size: 1 });
    const rpc = await plan.rpc.batches.list.query({ page_size: 1 });
    expect(rpc).toEqual(rest.body);
  });

  it("getBatch", async () => {
    const plan = await createPlan();
    const { rest: id } = await twoBatches(plan);
    const rest = await plan.rest("GET", `/batches/${id}`);
    expect(rest.status).toBe(200);
    expect(seedViolations("getBatch", 200, rest.body)).toEqual([]);
    expect(await plan.rpc.batches.get.query({ batch_id: id })).toEqual(rest.body);
  });

  it("updateBatch", async () => {
    const plan = await createPlan();
    const ids = await twoBatches(plan);
    const change = {
      to_add: ["+46701000003"],
      to_remove: ["46701000001"],
      body: "Changed ${n}",
      delivery_report: "summary" as const,
    };
    const rest = await plan.rest("POST", `/batches/${ids.rest}`, change);
    expect(rest.status).toBe(200);
    expect(seedViolations("updateBatch", 200, rest.body)).toEqual([]);
    expect(rest.body.to).toEqual(["46701000002", "46701000003"]);
    const rpc = await plan.rpc.batches.update.mutate({ batch_id: ids.rpc, ...change });
    expect(stable(rpc)).toEqual(stable(rest.body));
  });

  it("replaceBatch (PUT)", async () => {
    const plan = await createPlan();
    const ids = await twoBatches(plan);
    const replacement = { from: "999", to: ["46701000009"], body: "New" };
    const rest = await plan.rest("PUT", `/batches/${ids.rest}`, replacement);
    expect(rest.status).toBe(200);
    expect(seedViolations("getBatch", 200, rest.body)).toEqual([]);
    expect(rest.body.id).toBe(ids.rest);
    expect(rest.body.delivery_report).toBe("none");
    const rpc = await plan.rpc.batches.replace.mutate({ batch_id: ids.rpc, ...replacement });
    expect(stable(rpc)).toEqual(stable(rest.body));
  });

  it("cancelBatch (seed PUT /cancel, Sinch DELETE, tRPC)", async () => {
    const plan = await createPlan();
    const ids = await twoBatches(plan);
    const rest = await plan.rest("PUT", `/batches/${ids.rest}/cancel`);
    expect(rest.status).toBe(200);
    expect(seedViolations("cancelBatch", 200, rest.body)).toEqual([]);
    expect(rest.body.canceled).toBe(true);
    const del = await plan.rest("DELETE", `/batches/${ids.rest}`);
    expect(del.status).toBe(200);
    expect(del.body.canceled).toBe(true);
    const rpc = await plan.rpc.batches.cancel.mutate({ batch_id: ids.rpc });
    expect(stable(rpc)).toEqual(stable(rest.body));
  });

  it("dryRunBatch (seed, stored batch) and Sinch's dry run of a request body", async () => {
    const plan = await createPlan();
    const ids = await twoBatches(plan);
    const rest = await plan.rest("POST", `/batches/${ids.rest}/dry_run?per_recipient=true`);
    expect(rest.status).toBe(200);
    expect(seedViolations("dryRunBatch", 200, rest.body)).toEqual([]);
    expect(rest.body).toEqual({
      number_of_recipients: 2,
      number_of_messages: 2,
      per_recipient: [
        { recipient: "46701000001", number_of_parts: 1, body: "Hi you", encoding: "text" },
        { recipient: "46701000002", number_of_parts: 1, body: "Hi you", encoding: "text" },
      ],
    });
    expect(await plan.rpc.batches.dryRunStored.mutate({ batch_id: ids.rpc, per_recipient: true })).toEqual(
      rest.body,
    );
    const fromBody = await plan.rest("POST", "/batches/dry_run?per_recipient=true", send);
    expect(fromBody.status).toBe(200);
    expect(fromBody.body).toEqual(rest.body);
    expect(await plan.rpc.batches.dryRun.mutate({ ...send, per_recipient: true })).toEqual(rest.body);
  });

  it("delivery feedback", async () => {
    const plan = await createPlan();
    const a = await plan.rest("POST", "/batches", { ...send, feedback_enabled: true });
    const b = await plan.rpc.batches.send.mutate({ ...send, feedback_enabled: true });
    const rest = await plan.rest("POST", `/batches/${a.body.id}/delivery_feedback`, {
      recipients: ["+46701000001"],
    });
    expect(rest.status).toBe(202);
    expect(rest.body).toBeUndefined();
    expect(await plan.rpc.batches.deliveryFeedback.mutate({ batch_id: b.id, recipients: [] })).toBeNull();
  });
});

describe("delivery reports", () => {
  it("getBatchDeliveryReport", async () => {
    const plan = await createPlan();
    const ids = await twoBatches(plan);
    for (const id of [ids.rest, ids.rpc]) await setRecipientStatus(id, "46701000001", "Delivered", 0);
    const rest = await plan.rest("GET", `/batches/${ids.rest}/delivery_report?type=full`);
    expect(rest.status).toBe(200);
    expect(seedViolations("getBatchDeliveryReport", 200, rest.body)).toEqual([]);
    expect(rest.body).toMatchObject({
      type: "delivery_report_sms",
      batch_id: ids.rest,
      total_message_count: 2,
    });
    const rpc = await plan.rpc.deliveryReports.byBatch.query({ batch_id: ids.rpc, type: "full" });
    expect(stable(rpc)).toEqual(stable(rest.body));
  });

  it("getRecipientDeliveryReport", async () => {
    const plan = await createPlan();
    const ids = await twoBatches(plan);
    const rest = await plan.rest("GET", `/batches/${ids.rest}/delivery_report/+46701000002`);
    expect(rest.status).toBe(200);
    expect(seedViolations("getRecipientDeliveryReport", 200, rest.body)).toEqual([]);
    expect(rest.body).toMatchObject({ recipient: "46701000002", status: "Queued", code: 400 });
    const rpc = await plan.rpc.deliveryReports.byRecipient.query({
      batch_id: ids.rpc,
      recipient_msisdn: "+46701000002",
    });
    expect(stable(rpc)).toEqual(stable(rest.body));
  });

  it("listDeliveryReports in the seed's default shape", async () => {
    const plan = await createPlan();
    await twoBatches(plan);
    const rest = await plan.rest("GET", "/delivery_reports");
    expect(rest.status).toBe(200);
    expect(seedViolations("listDeliveryReports", 200, rest.body)).toEqual([]);
    expect(rest.body).toMatchObject({ count: 2, page: 0, page_size: 2 });
    expect(await plan.rpc.deliveryReports.list.query()).toEqual(rest.body);
  });
});

describe("groups", () => {
  const group = { name: "Team", members: ["+46701000001", "0046701000002"] };

  it("createGroup", async () => {
    const plan = await createPlan();
    const rest = await plan.rest("POST", "/groups", group);
    expect(rest.status).toBe(201);
    expect(seedViolations("createGroup", 201, rest.body)).toEqual([]);
    expect(rest.body).toMatchObject({ name: "Team", size: 2, child_groups: [] });
    expect(stable(await plan.rpc.groups.create.mutate(group))).toEqual(stable(rest.body));
  });

  it("listGroups", async () => {
    const plan = await createPlan();
    await plan.rest("POST", "/groups", group);
    const rest = await plan.rest("GET", "/groups");
    expect(rest.status).toBe(200);
    expect(seedViolations("listGroups", 200, rest.body)).toEqual([]);
    expect(await plan.rpc.groups.list.query()).toEqual(rest.body);
  });

  it("getGroup, getGroupMembers", async () => {
    const plan = await createPlan();
    const { body } = await plan.rest("POST", "/groups", group);
    const rest = await plan.rest("GET", `/groups/${body.id}`);
    expect(rest.status).toBe(200);
    expect(seedViolations("getGroup", 200, rest.body)).toEqual([]);
    expect(await plan.rpc.groups.get.query({ group_id: body.id })).toEqual(rest.body);
    const members = await plan.rest("GET", `/groups/${body.id}/members`);
    expect(members.status).toBe(200);
    expect(seedViolations("getGroupMembers", 200, members.body)).toEqual([]);
    expect(members.body).toEqual(["46701000001", "46701000002"]);
    expect(await plan.rpc.groups.members.query({ group_id: body.id })).toEqual(members.body);
  });

  it("updateGroup and replace (PUT)", async () => {
    const plan = await createPlan();
    const a = (await plan.rest("POST", "/groups", group)).body.id;
    const b = (await plan.rpc.groups.create.mutate(group)).id;
    const change = { name: null, add: ["46701000003"], remove: ["46701000001"] };
    const rest = await plan.rest("POST", `/groups/${a}`, change);
    expect(rest.status).toBe(200);
    expect(seedViolations("updateGroup", 200, rest.body)).toEqual([]);
    expect(rest.body.name).toBeUndefined();
    expect(rest.body.size).toBe(2);
    expect(stable(await plan.rpc.groups.update.mutate({ group_id: b, ...change }))).toEqual(
      stable(rest.body),
    );
    const replacement = { name: "New", members: ["46701000005"] };
    const put = await plan.rest("PUT", `/groups/${a}`, replacement);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: a, name: "New", size: 1 });
    expect(stable(await plan.rpc.groups.replace.mutate({ group_id: b, ...replacement }))).toEqual(
      stable(put.body),
    );
  });

  it("deleteGroup", async () => {
    const plan = await createPlan();
    const a = (await plan.rest("POST", "/groups", group)).body.id;
    const b = (await plan.rpc.groups.create.mutate(group)).id;
    const rest = await plan.rest("DELETE", `/groups/${a}`);
    expect(rest.status).toBe(200);
    expect(rest.body).toBeUndefined();
    expect((await plan.rest("GET", `/groups/${a}`)).status).toBe(404);
    expect(await plan.rpc.groups.delete.mutate({ group_id: b })).toBeNull();
    expect((await plan.rest("GET", `/groups/${b}`)).status).toBe(404);
  });
});

describe("inbounds", () => {
  it("listInboundMessages and getInboundMessage", async () => {
    const plan = await createPlan();
    const inbound = await insertInboundFixture(plan.id, { from: "46709999999", to: "12345", body: "Hello" });
    const list = await plan.rest("GET", "/inbounds");
    expect(list.status).toBe(200);
    expect(seedViolations("listInboundMessages", 200, list.body)).toEqual([]);
    expect(list.body).toMatchObject({ count: 1, page: 0, page_size: 1 });
    expect(await plan.rpc.inbounds.list.query()).toEqual(list.body);
    const one = await plan.rest("GET", `/inbounds/${inbound.id}`);
    expect(one.status).toBe(200);
    expect(seedViolations("getInboundMessage", 200, one.body)).toEqual([]);
    expect(one.body).toMatchObject({ type: "mo_text", from: "46709999999", to: "12345", body: "Hello" });
    expect(await plan.rpc.inbounds.get.query({ inbound_id: inbound.id })).toEqual(one.body);
  });
});
