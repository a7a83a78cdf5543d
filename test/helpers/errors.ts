// Helpers of the error-matrix tests: Sinch error assertions, raw requests, write snapshots, fixtures.
import { env } from "cloudflare:workers";
import { ulid } from "ulidx";
import { expect } from "vitest";
import { BASE, countRows, gatewayFetch, type Json, type TestPlan } from "./gateway";
import { seededRandom } from "./seeded-random";

export const VALID_SEND = { to: ["+46701234567"], from: "12345", body: "hello" } as const;

/** A batch/group/inbound id of the right shape that names nothing. */
export const unknownId = (): string => ulid();

/** n distinct MSISDNs (digits, no +) starting with `prefix`. */
export function numbers(n: number, prefix = "4670"): string[] {
  const width = 11 - prefix.length;
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(width, "0")}`);
}

/**
 * The response is a Sinch error: exactly `{code, text}` as JSON, with this status and code, and (when
 * given) `field` named in the text.
 */
export function expectError(res: Json, status: number, code: string, field?: string): void {
  const context = `${res.status} ${JSON.stringify(res.body)}`;
  expect(res.status, context).toBe(status);
  expect(res.headers.get("content-type") ?? "", context).toMatch(/^application\/json/);
  expect(res.body, context).toBeTypeOf("object");
  expect(Object.keys(res.body ?? {}).sort(), context).toEqual(["code", "text"]);
  expect(res.body.code, context).toBe(code);
  expect(res.body.text, context).toBeTypeOf("string");
  expect(res.body.text.length, context).toBeGreaterThan(0);
  if (field !== undefined) expect(res.body.text, context).toContain(field);
}

/** Any request, with full control of headers and body; the body is parsed as JSON when it is JSON. */
export async function raw(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: BodyInit | null } = {},
): Promise<Json & { text: string }> {
  const res = await gatewayFetch(`${BASE}${path}`, { method, headers: init.headers, body: init.body });
  const text = await res.text();
  let body: any;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body, headers: res.headers, text };
}

/** Plan-scoped raw request with the plan's token. */
export const planRaw = (
  plan: TestPlan,
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: BodyInit | null } = {},
) =>
  raw(method, `/xms/v1/${plan.id}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${plan.token}`, ...init.headers },
  });

/** What a plan has written: batches, recipients, groups, and the members of its groups. */
export async function snapshot(planId: string) {
  const members = await env.DB.prepare(
    "SELECT count(*) AS n FROM group_members m JOIN groups g ON g.id = m.group_id WHERE g.service_plan_id = ?",
  )
    .bind(planId)
    .first<{ n: number }>();
  return {
    batches: await countRows("batches", planId),
    recipients: await countRows("recipients", planId),
    groups: await countRows("groups", planId),
    members: members?.n ?? 0,
  };
}

/** Runs `act` and asserts the plan's row counts did not move. */
export async function expectNothingWritten<T>(planId: string, act: () => Promise<T>): Promise<T> {
  const before = await snapshot(planId);
  const result = await act();
  expect(await snapshot(planId)).toEqual(before);
  return result;
}

/** Sends a valid batch and returns it. */
export async function sendOk(plan: TestPlan, overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await plan.rest("POST", "/batches", { ...VALID_SEND, ...overrides });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Creates a group and returns it. */
export async function groupOk(plan: TestPlan, body: Record<string, unknown> = {}): Promise<any> {
  const res = await plan.rest("POST", "/groups", body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Inbounds have no public write path yet: store one straight in D1. */
export async function insertInbound(planId: string): Promise<string> {
  const id = ulid();
  await env.DB.prepare(
    "INSERT INTO inbounds (id, service_plan_id, type, \"from\", \"to\", body, received_at) VALUES (?, ?, 'mo_text', '46700000001', '12345', 'hi', ?)",
  )
    .bind(id, planId, Date.now())
    .run();
  return id;
}

/** A raw tRPC call (no client): the Sinch pair and HTTP status of an error, or the data. */
export async function trpcRaw(
  kind: "query" | "mutation",
  procedure: string,
  input: unknown,
  headers: Record<string, string>,
  rawBody?: string,
): Promise<{ status: number; body: any; sinch?: { code: string; text: string } }> {
  const res =
    kind === "query"
      ? await raw("GET", `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
      : await raw("POST", `/trpc/${procedure}`, {
          headers: { "content-type": "application/json", ...headers },
          body: rawBody ?? JSON.stringify(input),
        });
  return { status: res.status, body: res.body, sinch: res.body?.error?.data?.sinch };
}

export const planHeaders = (plan: TestPlan): Record<string, string> => ({
  authorization: `Bearer ${plan.token}`,
  "x-service-plan-id": plan.id,
});

/** Deterministic PRNG for the fuzz loop. */
export const seeded = seededRandom;
