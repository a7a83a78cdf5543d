// Test helpers: call the worker through its real fetch handler, create plans, and build REST/tRPC clients.
import { env, exports } from "cloudflare:workers";
import { createGatewayClient } from "../../src/rpc/client";

export const BASE = "http://gateway.test";
export const ADMIN_TOKEN = "test-admin-token";

export const gatewayFetch: typeof fetch = (input, init) =>
  exports.default.fetch(new Request(input instanceof Request ? input : String(input), init));

export interface Json {
  status: number;
  body: any;
  headers: Headers;
}

export async function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string; contentType?: string } = {},
): Promise<Json> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let payload: string | undefined;
  if (options.raw !== undefined) payload = options.raw;
  else if (options.body !== undefined) payload = JSON.stringify(options.body);
  if (payload !== undefined) headers["content-type"] = options.contentType ?? "application/json";
  const res = await gatewayFetch(`${BASE}${path}`, { method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, body: text === "" ? undefined : JSON.parse(text), headers: res.headers };
}

export interface TestPlan {
  id: string;
  token: string;
  webhookSecret: string;
  /** REST call scoped to /xms/v1/{id} with the plan's token. */
  rest: (method: string, path: string, body?: unknown) => Promise<Json>;
  rpc: ReturnType<typeof createGatewayClient>;
}

export async function createPlan(settings: Record<string, unknown> = {}): Promise<TestPlan> {
  const res = await call("POST", "/admin/v1/service_plans", { token: ADMIN_TOKEN, body: settings });
  if (res.status !== 201) throw new Error(`plan creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  const id: string = res.body.service_plan_id;
  const token: string = res.body.api_token;
  return {
    id,
    token,
    webhookSecret: res.body.webhook_secret,
    rest: (method, path, body) => call(method, `/xms/v1/${id}${path}`, { token, body }),
    rpc: createGatewayClient({ url: BASE, servicePlanId: id, token, fetch: gatewayFetch, batch: false }),
  };
}

export const adminRpc = () =>
  createGatewayClient({ url: BASE, token: ADMIN_TOKEN, fetch: gatewayFetch, batch: false });

/** Counts rows straight from D1: proves what was (not) written. */
export async function countRows(
  table: "batches" | "recipients" | "groups" | "group_members" | "inbounds",
  planId?: string,
): Promise<number> {
  const column = table === "group_members" ? undefined : "service_plan_id";
  const sql =
    planId && column
      ? `SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`
      : `SELECT count(*) AS n FROM ${table}`;
  const stmt = planId && column ? env.DB.prepare(sql).bind(planId) : env.DB.prepare(sql);
  const row = await stmt.first<{ n: number }>();
  return row?.n ?? 0;
}

/** A tRPC error's Sinch pair and HTTP status. */
export async function rpcError(
  promise: Promise<unknown>,
): Promise<{ status: number; code: string; text: string }> {
  try {
    await promise;
  } catch (e) {
    const data = (e as { data?: { httpStatus: number; sinch: { code: string; text: string } } }).data;
    if (!data) throw e;
    return { status: data.httpStatus, code: data.sinch.code, text: data.sinch.text };
  }
  throw new Error("expected the call to fail");
}
