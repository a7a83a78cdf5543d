// Auth (401 on every route family, one answer for every bad credential; admin token) and routing (405, 404) errors.
import { beforeAll, describe, expect, it } from "vitest";
import { expectError, raw, unknownId, VALID_SEND } from "../../helpers/errors";
import { ADMIN_TOKEN, createPlan, type TestPlan } from "../../helpers/gateway";

type Route = [method: string, path: (batch: string, group: string) => string, body?: unknown];

const PLAN_ROUTES: Route[] = [
  ["POST", () => "/batches", VALID_SEND],
  ["GET", () => "/batches"],
  ["POST", () => "/batches/dry_run", VALID_SEND],
  ["GET", (b) => `/batches/${b}`],
  ["POST", (b) => `/batches/${b}`, { body: "x" }],
  ["PUT", (b) => `/batches/${b}`, VALID_SEND],
  ["DELETE", (b) => `/batches/${b}`],
  ["PUT", (b) => `/batches/${b}/cancel`],
  ["POST", (b) => `/batches/${b}/dry_run`],
  ["POST", (b) => `/batches/${b}/delivery_feedback`, { recipients: [] }],
  ["GET", (b) => `/batches/${b}/delivery_report`],
  ["GET", (b) => `/batches/${b}/delivery_report/46701234567`],
  ["GET", () => "/delivery_reports"],
  ["POST", () => "/groups", { name: "g" }],
  ["GET", () => "/groups"],
  ["GET", (_, g) => `/groups/${g}`],
  ["POST", (_, g) => `/groups/${g}`, { add: ["46701234567"] }],
  ["PUT", (_, g) => `/groups/${g}`, { members: [] }],
  ["DELETE", (_, g) => `/groups/${g}`],
  ["GET", (_, g) => `/groups/${g}/members`],
  ["GET", () => "/inbounds"],
  ["GET", () => `/inbounds/${unknownId()}`],
];

const request = (method: string, path: string, authorization: string | undefined, body?: unknown) => {
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.authorization = authorization;
  if (body !== undefined) headers["content-type"] = "application/json";
  return raw(method, path, { headers, body: body === undefined ? undefined : JSON.stringify(body) });
};

describe("plan routes: 401 unauthorized", () => {
  let plan: TestPlan;
  let other: TestPlan;
  let batchId: string;
  let groupId: string;
  beforeAll(async () => {
    plan = await createPlan();
    other = await createPlan();
    batchId = (await plan.rest("POST", "/batches", { ...VALID_SEND, send_at: "2099-01-01T00:00:00Z" })).body
      .id;
    groupId = (await plan.rest("POST", "/groups", { name: "g", members: ["46701234567"] })).body.id;
  });

  it.each(PLAN_ROUTES)("%s every bad credential → the same 401", async (method, path, body) => {
    const p = `/xms/v1/${plan.id}${path(batchId, groupId)}`;
    const answers = [
      await request(method, p, undefined, body),
      await request(method, p, "Bearer ", body),
      await request(method, p, "Bearer wrong-token-0123456789abcdef", body),
      await request(method, p, `Basic ${btoa(`${plan.id}:${plan.token}`)}`, body),
      await request(method, p, plan.token, body),
      await request(method, p, `Bearer ${other.token}`, body),
      await request(
        method,
        `/xms/v1/unknownplan0123456789${path(batchId, groupId)}`,
        `Bearer ${plan.token}`,
        body,
      ),
    ];
    for (const res of answers) expectError(res, 401, "unauthorized");
    for (const res of answers) expect(res.body).toEqual(answers[0]?.body);
    // The plan's own token gets through: not a 401.
    const ok = await request(method, p, `Bearer ${plan.token}`, body);
    expect(ok.status, `${method} ${p}: ${ok.text}`).not.toBe(401);
  });

  it("another plan's token on this plan's path writes nothing in either plan", async () => {
    const res = await request("POST", `/xms/v1/${plan.id}/batches`, `Bearer ${other.token}`, VALID_SEND);
    expectError(res, 401, "unauthorized");
    const mine = await other.rest("GET", "/batches");
    expect(mine.body.count).toBe(0);
  });

  it("auth comes before validation: malformed JSON or text/plain without a token → 401", async () => {
    const p = `/xms/v1/${plan.id}/batches`;
    const bad = await raw("POST", p, { headers: { "content-type": "application/json" }, body: "{" });
    expectError(bad, 401, "unauthorized");
    const plain = await raw("POST", p, { headers: { "content-type": "text/plain" }, body: "x" });
    expectError(plain, 401, "unauthorized");
    const unknownBatch = await request("GET", `/xms/v1/${plan.id}/batches/${unknownId()}`, undefined);
    expectError(unknownBatch, 401, "unauthorized");
  });

  it("the bearer scheme is case-insensitive", async () => {
    const res = await request("GET", `/xms/v1/${plan.id}/batches`, `bearer ${plan.token}`);
    expect(res.status).toBe(200);
  });
});

describe("admin routes: 401 unauthorized", () => {
  let plan: TestPlan;
  beforeAll(async () => {
    plan = await createPlan();
  });

  const ADMIN_ROUTES: [string, (plan: string) => string, unknown?][] = [
    ["POST", () => "/admin/v1/service_plans", {}],
    ["GET", (p) => `/admin/v1/service_plans/${p}`],
    ["POST", (p) => `/admin/v1/service_plans/${p}`, { name: "renamed" }],
    ["GET", (p) => `/admin/v1/service_plans/${p}/tokens`],
    ["POST", (p) => `/admin/v1/service_plans/${p}/tokens`],
    ["DELETE", (p) => `/admin/v1/service_plans/${p}/tokens/some-token-id`],
  ];

  it.each(ADMIN_ROUTES)("%s without / with a wrong admin token → 401", async (method, path, body) => {
    const p = path(plan.id);
    for (const auth of [undefined, "Bearer wrong-admin-token", `Bearer ${plan.token}`, ADMIN_TOKEN]) {
      const res = await request(method, p, auth, body);
      expectError(res, 401, "unauthorized");
    }
    const ok = await request(method, p, `Bearer ${ADMIN_TOKEN}`, body);
    expect(ok.status, ok.text).not.toBe(401);
  });

  it("refused admin calls change nothing: settings and tokens stay as they were", async () => {
    const fresh = await createPlan();
    const admin = `Bearer ${ADMIN_TOKEN}`;
    const base = `/admin/v1/service_plans/${fresh.id}`;
    const before = await request("GET", base, admin);
    const tokens = await request("GET", `${base}/tokens`, admin);
    for (const auth of [undefined, "Bearer wrong-admin-token", `Bearer ${fresh.token}`]) {
      expectError(await request("POST", base, auth, { name: "hijacked" }), 401, "unauthorized");
      expectError(await request("POST", `${base}/tokens`, auth), 401, "unauthorized");
    }
    expect((await request("GET", base, admin)).body).toEqual(before.body);
    expect((await request("GET", `${base}/tokens`, admin)).body).toEqual(tokens.body);
  });

  it("admin: unknown plan → 404, bad body → 400", async () => {
    const auth = `Bearer ${ADMIN_TOKEN}`;
    expectError(await request("GET", "/admin/v1/service_plans/nope-nope-nope", auth), 404, "not_found");
    expectError(
      await request("POST", "/admin/v1/service_plans", auth, { rate_limit: -1 }),
      400,
      "syntax_constraint_violation",
      "rate_limit",
    );
    expectError(
      await request("POST", "/admin/v1/service_plans", auth, { callback_url: "nope" }),
      400,
      "syntax_invalid_parameter_format",
      "callback_url",
    );
  });
});

describe("routing: 405 and 404 are JSON {code,text}", () => {
  let plan: TestPlan;
  let batchId: string;
  beforeAll(async () => {
    plan = await createPlan();
    batchId = (await plan.rest("POST", "/batches", VALID_SEND)).body.id;
  });

  const auth = () => ({ authorization: `Bearer ${plan.token}` });

  it.each([
    ["PATCH", "/batches"],
    ["DELETE", "/batches"],
    ["PUT", "/batches"],
    ["PATCH", "/batches/{id}"],
    ["GET", "/batches/{id}/cancel"],
    ["GET", "/batches/{id}/dry_run"],
    ["GET", "/batches/{id}/delivery_feedback"],
    ["POST", "/batches/{id}/delivery_report"],
    ["DELETE", "/batches/{id}/delivery_report/46701234567"],
    ["POST", "/delivery_reports"],
    ["PUT", "/groups"],
    ["PATCH", "/groups/{id}"],
    ["POST", "/groups/{id}/members"],
    ["POST", "/inbounds"],
    ["DELETE", "/inbounds/{id}"],
  ])("%s %s → 405 method_not_allowed", async (method, path) => {
    const res = await raw(method, `/xms/v1/${plan.id}${path.replace("{id}", batchId)}`, { headers: auth() });
    expectError(res, 405, "method_not_allowed", method);
  });

  it("PUT /admin/v1/service_plans → 405", async () => {
    const res = await raw("PUT", "/admin/v1/service_plans", {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expectError(res, 405, "method_not_allowed");
  });

  it("a 405 names the allowed methods in an Allow header (RFC 9110 §15.5.6)", async () => {
    const res = await raw("PATCH", `/xms/v1/${plan.id}/batches`, { headers: auth() });
    expect(res.status).toBe(405);
    const allow = (res.headers.get("allow") ?? "").toUpperCase();
    expect(allow).toContain("GET");
    expect(allow).toContain("POST");
  });

  it.each([
    "/nope",
    // "/" is the web console's front door: a redirect (test/integration/console/served.test.ts).
    "/xms",
    "/xms/v2/PLAN/batches",
    "/xms/v1/PLAN/nope",
    "/xms/v1/PLAN/batches/ID/nope",
    "/xms/v1/PLAN/batches/ID/delivery_report/46701234567/extra",
    "/xms/v1/PLAN/groups/ID/members/extra",
    "/admin/v1/nope",
  ])("GET %s → 404 not_found", async (path) => {
    const res = await raw("GET", path.replace("PLAN", plan.id).replace("ID", batchId), { headers: auth() });
    expectError(res, 404, "not_found");
  });

  it("an unknown path with another method is still a JSON 404", async () => {
    const res = await raw("POST", `/xms/v1/${plan.id}/nope`, {
      headers: { ...auth(), "content-type": "application/json" },
      body: "{}",
    });
    expectError(res, 404, "not_found");
  });
});
