// Recipient report 404s and number forms, and tenant walls: another plan's ids answer exactly like unknown ones.
import { beforeAll, describe, expect, it } from "vitest";
import {
  expectError,
  groupOk,
  insertInbound,
  planRaw,
  sendOk,
  snapshot,
  unknownId,
} from "../../helpers/errors";
import { createPlan, type Json, type TestPlan } from "../../helpers/gateway";

describe("GET /batches/{id}/delivery_report/{recipient}", () => {
  let plan: TestPlan;
  let batch: any;
  beforeAll(async () => {
    plan = await createPlan();
    batch = await sendOk(plan, { to: ["+46701234567", "46701234568"] });
  });

  it("unknown batch → 404", async () => {
    const id = unknownId();
    expectError(await plan.rest("GET", `/batches/${id}/delivery_report/46701234567`), 404, "not_found", id);
  });

  it("known batch, recipient not in it → 404", async () => {
    const res = await plan.rest("GET", `/batches/${batch.id}/delivery_report/46709999999`);
    expectError(res, 404, "not_found", "46709999999");
  });

  it("a recipient that is not a phone number → 400", async () => {
    const res = await plan.rest("GET", `/batches/${batch.id}/delivery_report/abc`);
    expectError(res, 400, "syntax_invalid_parameter_format", "abc");
  });

  it("the recipient as +46…, %2B46…, 0046… and 46… → 200, the same report", async () => {
    const forms = ["+46701234567", "%2B46701234567", "0046701234567", "46701234567"];
    const bodies = [];
    for (const form of forms) {
      const res = await planRaw(plan, "GET", `/batches/${batch.id}/delivery_report/${form}`);
      expect(res.status, `${form}: ${res.text}`).toBe(200);
      expect(res.body.recipient).toBe("46701234567");
      expect(res.body.batch_id).toBe(batch.id);
      bodies.push(res.body);
    }
    for (const b of bodies) expect(b).toEqual(bodies[0]);
  });

  it("batch report of an unknown batch → 404", async () => {
    const id = unknownId();
    expectError(await plan.rest("GET", `/batches/${id}/delivery_report`), 404, "not_found", id);
  });

  it("unknown inbound / unknown batch → 404", async () => {
    const id = unknownId();
    expectError(await plan.rest("GET", `/inbounds/${id}`), 404, "not_found", id);
    expectError(await plan.rest("GET", `/batches/${id}`), 404, "not_found", id);
    expectError(await plan.rest("GET", "/batches/not-even-an-id"), 404, "not_found");
  });
});

/** The status and body with the id blanked: what a tenant can learn from the answer. */
const shape = (res: Json, id: string) => ({
  status: res.status,
  body: { ...res.body, text: String(res.body?.text).split(id).join("<ID>") },
});

describe("tenants are walls", () => {
  let owner: TestPlan;
  let intruder: TestPlan;
  let batch: any;
  let group: any;
  let inboundId: string;
  beforeAll(async () => {
    owner = await createPlan();
    intruder = await createPlan();
    batch = await sendOk(owner, {
      to: ["46701234567"],
      feedback_enabled: true,
      send_at: "2099-01-01T00:00:00Z",
    });
    group = await groupOk(owner, { name: "private", members: ["46701234567"] });
    inboundId = await insertInbound(owner.id);
  });

  const batchCalls: [string, (id: string) => string, unknown?][] = [
    ["GET", (id) => `/batches/${id}`],
    ["POST", (id) => `/batches/${id}`, { body: "hijacked" }],
    ["PUT", (id) => `/batches/${id}`, { to: ["46700000000"], from: "12345", body: "hijacked" }],
    ["DELETE", (id) => `/batches/${id}`],
    ["PUT", (id) => `/batches/${id}/cancel`],
    ["POST", (id) => `/batches/${id}/dry_run`],
    ["POST", (id) => `/batches/${id}/delivery_feedback`, { recipients: [] }],
    ["GET", (id) => `/batches/${id}/delivery_report`],
    ["GET", (id) => `/batches/${id}/delivery_report/46701234567`],
  ];
  it.each(batchCalls)(
    "%s batch path of another plan looks like an unknown batch",
    async (method, path, body) => {
      const foreign = await intruder.rest(method, path(batch.id), body);
      const unknown = unknownId();
      const missing = await intruder.rest(method, path(unknown), body);
      expectError(foreign, 404, "not_found");
      expect(shape(foreign, batch.id)).toEqual(shape(missing, unknown));
    },
  );

  const groupCalls: [string, (id: string) => string, unknown?][] = [
    ["GET", (id) => `/groups/${id}`],
    ["POST", (id) => `/groups/${id}`, { add: ["46700000000"] }],
    ["PUT", (id) => `/groups/${id}`, { members: ["46700000000"] }],
    ["DELETE", (id) => `/groups/${id}`],
    ["GET", (id) => `/groups/${id}/members`],
  ];
  it.each(groupCalls)(
    "%s group path of another plan looks like an unknown group",
    async (method, path, body) => {
      const foreign = await intruder.rest(method, path(group.id), body);
      const unknown = unknownId();
      const missing = await intruder.rest(method, path(unknown), body);
      expectError(foreign, 404, "not_found");
      expect(shape(foreign, group.id)).toEqual(shape(missing, unknown));
    },
  );

  it("GET inbound of another plan looks like an unknown inbound", async () => {
    const foreign = await intruder.rest("GET", `/inbounds/${inboundId}`);
    const unknown = unknownId();
    const missing = await intruder.rest("GET", `/inbounds/${unknown}`);
    expectError(foreign, 404, "not_found");
    expect(shape(foreign, inboundId)).toEqual(shape(missing, unknown));
  });

  it("another plan's resources are in none of the intruder's lists", async () => {
    for (const [path, key] of [
      ["/batches", "batches"],
      ["/groups", "groups"],
      ["/inbounds", "inbounds"],
      ["/delivery_reports?type=recipient", "delivery_reports"],
    ] as const) {
      const res = await intruder.rest("GET", path);
      expect(res.status).toBe(200);
      expect(res.body.count, path).toBe(0);
      expect(res.body[key], path).toEqual([]);
    }
  });

  it("the owner's batch, group and inbound are untouched by all of it", async () => {
    const b = await owner.rest("GET", `/batches/${batch.id}`);
    expect(b.status).toBe(200);
    expect(b.body).toEqual(batch);
    const g = await owner.rest("GET", `/groups/${group.id}`);
    expect(g.status).toBe(200);
    expect(g.body).toEqual(group);
    expect((await owner.rest("GET", `/groups/${group.id}/members`)).body).toEqual(["46701234567"]);
    expect((await owner.rest("GET", `/inbounds/${inboundId}`)).status).toBe(200);
    const r = await owner.rest("GET", `/batches/${batch.id}/delivery_report/46701234567`);
    expect(r.status).toBe(200);
    expect(await snapshot(intruder.id)).toEqual({ batches: 0, recipients: 0, groups: 0, members: 0 });
  });
});
