// Input hygiene: lone surrogates, impossible dates, stale send_at, oversized URLs and headers, huge tRPC batches.
import { describe, expect, it } from "vitest";
import { createGatewayClient } from "../../../src/rpc/client";
import {
  BASE,
  call,
  countRows,
  createPlan,
  gatewayFetch,
  type Json,
  rpcError,
  type TestPlan,
} from "../../helpers/gateway";

const BAD_FORMAT = "syntax_invalid_parameter_format";
const CONSTRAINT = "syntax_constraint_violation";
const LONE = "must not contain a lone UTF-16 surrogate";

const VALID_SEND = { to: ["+46701234567"], from: "12345", body: "hello" } as const;

/** A Sinch error: JSON `{code, text}` with this status and code, the text naming `field` when given. */
function expectError(res: Json, status: number, code: string, field?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(Object.keys(res.body).sort()).toEqual(["code", "text"]);
  expect(res.body.code).toBe(code);
  if (field !== undefined) expect(res.body.text).toContain(field);
}

/** A request with full control of its headers, answered as JSON (every refusal here must be JSON). */
async function raw(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string } = {},
) {
  const res = await gatewayFetch(`${BASE}${path}`, { method, ...init });
  return { status: res.status, headers: res.headers, body: JSON.parse(await res.text()) };
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** A tRPC HTTP batch of `n` calls of one procedure. */
function rpcBatch(plan: TestPlan, procedure: string, n: number, input?: unknown) {
  const paths = Array.from({ length: n }, () => procedure).join(",");
  const headers = {
    authorization: `Bearer ${plan.token}`,
    "x-service-plan-id": plan.id,
    "content-type": "application/json",
  };
  if (input === undefined) return raw("GET", `/trpc/${paths}?batch=1`, { headers });
  const body = JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, input])));
  return raw("POST", `/trpc/${paths}?batch=1`, { headers, body });
}

describe("lone surrogates", () => {
  it.each([
    ["body", { ...VALID_SEND, body: "Hi \ud800 there" }, "body"],
    ["client_reference", { ...VALID_SEND, client_reference: "ref\udc00" }, "client_reference"],
    [
      "a parameter value",
      { ...VALID_SEND, parameters: { name: { default: "\ud83d" } } },
      "parameters.name.default",
    ],
    ["a parameter key", { ...VALID_SEND, parameters: { "n\ud800": { default: "x" } } }, "parameters"],
  ])("in %s: a 400 naming the field, nothing stored", async (_name, body, field) => {
    const plan = await createPlan();
    const res = await plan.rest("POST", "/batches", body);
    expectError(res, 400, BAD_FORMAT, field);
    expect(res.body.text).toBe(`${field}: ${LONE}`);
    expect(await countRows("batches", plan.id)).toBe(0);
  });

  it("a well-formed emoji (a surrogate pair) is fine", async () => {
    const plan = await createPlan();
    const res = await plan.rest("POST", "/batches", { ...VALID_SEND, body: "Hi 😀" });
    expect(res.status).toBe(201);
    expect(res.body.body).toBe("Hi 😀");
  });

  it("in a group name and over tRPC (single call and batch) alike", async () => {
    const plan = await createPlan();
    expectError(await plan.rest("POST", "/groups", { name: "G\udfff" }), 400, BAD_FORMAT, "name");
    expect(
      await rpcError(plan.rpc.batches.send.mutate({ ...VALID_SEND, to: [...VALID_SEND.to], body: "\ud800" })),
    ).toEqual({
      status: 400,
      code: BAD_FORMAT,
      text: `body: ${LONE}`,
    });
    const batch = await rpcBatch(plan, "batches.send", 2, { ...VALID_SEND, body: "x\ud800" });
    expect(batch.status).toBe(400);
    expect(batch.body.error.data.sinch).toEqual({ code: BAD_FORMAT, text: `body: ${LONE}` });
    expect(await countRows("batches", plan.id)).toBe(0);
  });
});

describe("dates", () => {
  it.each([
    ["send_at", "2026-02-30T00:00:00Z"],
    ["expire_at", "2099-04-31T00:00:00Z"],
    ["send_at", "2099-02-29"],
  ])("%s %s (no such day) is a 400", async (field, value) => {
    const plan = await createPlan();
    expectError(
      await plan.rest("POST", "/batches", { ...VALID_SEND, [field]: value }),
      400,
      BAD_FORMAT,
      field,
    );
  });

  it("send_at more than three days in the past is a 400 like a past expire_at; within three days it sends", async () => {
    const plan = await createPlan();
    const stale = await plan.rest("POST", "/batches", { ...VALID_SEND, send_at: daysAgo(3.1) });
    expectError(stale, 400, CONSTRAINT, "send_at");
    expect(stale.body.text).toBe("send_at: must not be more than 3 days in the past");
    const batch = (await plan.rest("POST", "/batches", { ...VALID_SEND, send_at: "2099-01-01T00:00:00Z" }))
      .body;
    expectError(
      await plan.rest("POST", `/batches/${batch.id}`, { send_at: daysAgo(4) }),
      400,
      CONSTRAINT,
      "send_at",
    );
    expect((await plan.rest("POST", "/batches", { ...VALID_SEND, send_at: daysAgo(2) })).status).toBe(201);
  });
});

describe("request bounds: every refusal is JSON {code,text}", () => {
  it("a 100,000-character id is a 414 over REST and tRPC", async () => {
    const plan = await createPlan();
    const long = "A".repeat(100_000);
    expectError(
      await call("GET", `/xms/v1/${plan.id}/batches/${long}`, { token: plan.token }),
      414,
      "uri_too_long",
    );
    const rpc = await raw(
      "GET",
      `/trpc/batches.get?input=${encodeURIComponent(JSON.stringify({ batch_id: long }))}`,
    );
    expect(rpc.status).toBe(414);
    expect(rpc.body.error.data.sinch.code).toBe("uri_too_long");
  });

  it("oversized headers are a 431", async () => {
    const plan = await createPlan();
    const headers = { "x-padding": "p".repeat(40_000) };
    expectError(
      await raw("GET", `/xms/v1/${plan.id}/batches`, {
        headers: { ...headers, authorization: `Bearer ${plan.token}` },
      }),
      431,
      "request_header_fields_too_large",
    );
    const rpc = await raw("GET", "/trpc/batches.list", { headers });
    expect(rpc.status).toBe(431);
    expect(rpc.body.error.data.sinch.code).toBe("request_header_fields_too_large");
  });
});

describe("tRPC HTTP batches", () => {
  it("hold at most 50 calls: 500 sends are refused with a Sinch error and write nothing", async () => {
    const plan = await createPlan();
    const ok = await rpcBatch(plan, "batches.list", 50);
    expect(ok.status).toBe(200);
    expect(ok.body).toHaveLength(50);
    const tooMany = await rpcBatch(plan, "batches.send", 500, VALID_SEND);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.data.sinch).toEqual({
      code: CONSTRAINT,
      text: "A batch request can hold at most 50 calls, got 500",
    });
    expect(await countRows("batches", plan.id)).toBe(0);
  });

  it("the typed client splits a burst of 120 calls into batches the server takes", async () => {
    const plan = await createPlan();
    let requests = 0;
    const client = createGatewayClient({
      url: BASE,
      servicePlanId: plan.id,
      token: plan.token,
      fetch: (input, init) => {
        requests++;
        return gatewayFetch(input, init);
      },
    });
    const lists = await Promise.all(Array.from({ length: 120 }, () => client.batches.list.query({})));
    expect(lists.every((l) => l.count === 0)).toBe(true);
    expect(requests).toBe(3);
  });
});
