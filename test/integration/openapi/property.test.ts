// Property-based contract test: for every documented operation, requests generated from the document's schemas
// (valid ones, and one-step mutations that break them) get no 5xx, valid ones their 2xx, invalid ones a
// documented 4xx {code,text}, and every body matches the document's response schema.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { ulid } from "ulidx";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../../src/worker/openapi/document";
import { operations } from "../../../src/worker/operations";
import { insertCallbackFixture } from "../../helpers/fixtures";
import { ADMIN_TOKEN, BASE, call, createPlan, gatewayFetch, type TestPlan } from "../../helpers/gateway";
import { inboxUrl } from "../../helpers/receiver";
import { alwaysRequired, valid, wrongType } from "./arbitraries";
import {
  type DocOperation,
  operationsOf,
  resolve,
  responseSchema,
  type Schema,
  violations,
} from "./document";

const SEED = 20261201;
const VALID_RUNS = 5;
const INVALID_RUNS = 8;

// The document as served (served.test.ts proves GET /openapi.json is exactly this), needed here to name the tests.
const doc = JSON.parse(JSON.stringify(buildOpenApiDocument(operations))) as Schema;

/** Fields a valid request leaves out because their validity depends on stored state the schema cannot state. */
const SKIP: Record<string, string[]> = {
  updateBatch: ["type", "udh"],
  createGroup: ["child_groups"],
  replaceGroup: ["child_groups"],
  updateGroup: ["add_from_group", "remove_from_group"],
};

let plan: TestPlan;
let inboundId: string;
let counter = 0;

beforeAll(async () => {
  plan = await createPlan();
  const inbound = await call("POST", `/simulator/v1/${plan.id}/inbounds`, {
    token: plan.token,
    body: { from: "+46709999999", to: "12345", body: "hello" },
  });
  inboundId = inbound.body.id;
});

const fresh = async (method: string, path: string, body: unknown, token = plan.token) => {
  const res = await call(method, path, { token, body });
  if (res.status >= 300)
    throw new Error(`fixture ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** Path values naming fresh resources, so each valid request finds what it acts on in a state that accepts it. */
async function pathValues(op: DocOperation): Promise<Record<string, string>> {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
  const values: Record<string, string> = {};
  const x = `/xms/v1/${plan.id}`;
  if (op.path.startsWith("/admin/")) {
    values.service_plan_id = (
      await fresh("POST", "/admin/v1/service_plans", {}, ADMIN_TOKEN)
    ).service_plan_id;
    if (names.includes("token_id"))
      values.token_id = (
        await fresh(
          "POST",
          `/admin/v1/service_plans/${values.service_plan_id}/tokens`,
          undefined,
          ADMIN_TOKEN,
        )
      ).token_id;
    return values;
  }
  values.service_plan_id = plan.id;
  if (names.includes("batch_id"))
    values.batch_id = (
      await fresh("POST", `${x}/batches`, {
        to: ["+46701234567", "+46701234568"],
        from: "12345",
        body: "fixture",
        send_at: "2030-01-01T09:00:00Z",
        feedback_enabled: true,
      })
    ).id;
  if (names.includes("recipient_msisdn")) values.recipient_msisdn = "46701234567";
  if (names.includes("group_id"))
    values.group_id = (await fresh("POST", `${x}/groups`, { name: "fixture", members: ["+46701234567"] })).id;
  if (names.includes("inbound_id")) values.inbound_id = inboundId;
  if (names.includes("callback_id"))
    values.callback_id = await insertCallbackFixture(plan.id, `${env.TEST_RECEIVER_URL}/property-callbacks`);
  if (names.includes("msisdn")) {
    const msisdn = `4670888${String(counter++).padStart(4, "0")}`;
    await fresh("POST", `/gateway/v1/${plan.id}/opt_outs`, { msisdn });
    values.msisdn = msisdn;
  }
  return values;
}

interface Parts {
  path: Record<string, string>;
  query: Record<string, string>;
  body?: unknown;
  raw?: string;
  contentType?: string;
  token?: string | null;
}

const tokenFor = (op: Schema): string | null => {
  const scheme = Object.keys(op.security?.[0] ?? {})[0];
  return scheme === "planToken" ? plan.token : scheme === "adminToken" ? ADMIN_TOKEN : null;
};

function send(d: DocOperation, parts: Parts): Promise<Response> {
  const path = d.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(parts.path[name] ?? ""));
  const query = new URLSearchParams(parts.query).toString();
  const headers: Record<string, string> = {};
  const token = parts.token === undefined ? tokenFor(d.op) : parts.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const payload = parts.raw ?? (parts.body === undefined ? undefined : JSON.stringify(parts.body));
  if (payload !== undefined) headers["content-type"] = parts.contentType ?? "application/json";
  return gatewayFetch(`${BASE}${path}${query ? `?${query}` : ""}`, {
    method: d.method,
    headers,
    body: payload,
  });
}

const successStatus = (op: Schema) => Number(Object.keys(op.responses).find((s) => s.startsWith("2")));

async function checkResponse(d: DocOperation, res: Response, expectValid: boolean, what: string) {
  const text = await res.text();
  const context = `${what} -> ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, context).toBeLessThan(500);
  if (expectValid) expect(res.status, context).toBe(successStatus(d.op));
  else {
    expect(res.status, context).toBeGreaterThanOrEqual(400);
    expect(Object.keys(d.op.responses), `${context}: undocumented status`).toContain(String(res.status));
  }
  const schema = responseSchema(doc, d.op, res.status);
  if (!schema) {
    expect(text, context).toBe("");
    return;
  }
  expect(res.headers.get("content-type") ?? "", context).toMatch(/^application\/json/);
  expect(violations(doc, schema, JSON.parse(text)), context).toEqual([]);
}

const queryParameters = (op: Schema) => (op.parameters ?? []).filter((p: Schema) => p.in === "query");

/** Valid query values as text, each parameter present or not. */
function validQuery(op: Schema): fc.Arbitrary<Record<string, string>> {
  const params = queryParameters(op);
  return fc.record(
    Object.fromEntries(params.map((p: Schema) => [p.name, valid(doc, p.schema).map(String)])),
    { requiredKeys: [] },
  ) as fc.Arbitrary<Record<string, string>>;
}

const bodySchema = (op: Schema): Schema | undefined => op.requestBody?.content["application/json"].schema;

/** Required URLs, which generated bodies leave out (nothing leaves this machine): the local receiver's. */
const FIXED: Record<string, Record<string, unknown>> = {
  checkCallbackReceiver: { url: inboxUrl("property-test") },
};

const validBody = (d: DocOperation): fc.Arbitrary<unknown> => {
  const schema = bodySchema(d.op);
  const fixed = FIXED[d.op.operationId];
  const body = schema ? valid(doc, schema, SKIP[d.op.operationId] ?? []) : fc.constant(undefined);
  return fixed ? body.map((b) => ({ ...(b as object), ...fixed })) : body;
};

/** A query value no constrained parameter accepts. */
const breakableQuery = (op: Schema) =>
  queryParameters(op).filter((p: Schema) => {
    const s = resolve(doc, p.schema);
    return s.type === "integer" || s.type === "boolean" || Array.isArray(s.enum) || s.format === "date-time";
  });

type Mutation = { kind: string; pick: number };

function mutations(d: DocOperation): string[] {
  const kinds: string[] = [];
  if (d.op.security.length > 0) kinds.push("no-token", "bad-token");
  if (d.op.operationId === "receiveSinchCallback") return ["unsigned"];
  if (/\{(?!service_plan_id)\w+\}/.test(d.path) || d.path.startsWith("/admin/v1/service_plans/"))
    kinds.push("long-id", "unknown-id");
  if (breakableQuery(d.op).length > 0) kinds.push("bad-query");
  const body = bodySchema(d.op);
  if (body) {
    kinds.push("malformed-json", "wrong-content-type", "wrong-type");
    if (alwaysRequired(doc, body).length > 0) kinds.push("drop-required");
  }
  return kinds;
}

function mutate(d: DocOperation, parts: Parts, { kind, pick }: Mutation): Parts {
  const ids = Object.keys(parts.path).filter((k) => k !== "service_plan_id" || d.path.startsWith("/admin/"));
  const id = ids[pick % Math.max(ids.length, 1)] ?? "service_plan_id";
  switch (kind) {
    case "no-token":
    case "unsigned":
      return { ...parts, token: null };
    case "bad-token":
      return { ...parts, token: "not-a-token-of-this-plan" };
    case "long-id":
      return { ...parts, path: { ...parts.path, [id]: "9".repeat(65) } };
    case "unknown-id":
      return { ...parts, path: { ...parts.path, [id]: id.includes("msisdn") ? "46700000000" : ulid() } };
    case "bad-query": {
      const params = breakableQuery(d.op);
      return { ...parts, query: { ...parts.query, [params[pick % params.length].name]: "bogus!" } };
    }
    case "malformed-json":
      return { ...parts, body: undefined, raw: '{"to": [' };
    case "wrong-content-type":
      return { ...parts, contentType: "text/plain" };
    case "drop-required": {
      const fields = alwaysRequired(doc, bodySchema(d.op) ?? {});
      const { [fields[pick % fields.length] ?? ""]: _, ...rest } = parts.body as Record<string, unknown>;
      return { ...parts, body: rest };
    }
    case "wrong-type": {
      const body = parts.body as Record<string, unknown>;
      const keys = Object.keys(body);
      if (keys.length === 0) return { ...parts, body: undefined, raw: "[1, 2" };
      const key = keys[pick % keys.length] ?? "";
      return { ...parts, body: { ...body, [key]: wrongType(body[key]) } };
    }
    default:
      throw new Error(`unknown mutation ${kind}`);
  }
}

describe("every documented operation against generated requests", () => {
  for (const d of operationsOf(doc)) {
    const name = `${d.op.operationId} (${d.method} ${d.path})`;

    // A valid Sinch callback needs a signature: test/integration/inbound/sinch-webhooks.test.ts sends those.
    if (d.op.operationId !== "receiveSinchCallback")
      it(`${name}: valid requests succeed`, async () => {
        await fc.assert(
          fc.asyncProperty(validQuery(d.op), validBody(d), async (query, body) => {
            const parts = { path: await pathValues(d), query, body };
            await checkResponse(d, await send(d, parts), true, JSON.stringify(parts));
          }),
          { seed: SEED, numRuns: VALID_RUNS, endOnFailure: true },
        );
      });

    const kinds = mutations(d);
    // Operations that take no input and need no token (/health) have nothing to get wrong.
    if (kinds.length > 0)
      it(`${name}: invalid requests get a documented 4xx`, async () => {
        await fc.assert(
          fc.asyncProperty(
            validQuery(d.op),
            validBody(d),
            fc.record({ kind: fc.constantFrom(...(kinds.length > 0 ? kinds : ["none"])), pick: fc.nat() }),
            async (query, body, mutation) => {
              const parts = mutate(d, { path: await pathValues(d), query, body }, mutation);
              await checkResponse(
                d,
                await send(d, parts),
                false,
                `${mutation.kind} ${JSON.stringify(parts)}`,
              );
            },
          ),
          { seed: SEED, numRuns: INVALID_RUNS, endOnFailure: true },
        );
      });
  }
});
