// Callback URLs through the real Worker: normalised, never this gateway, private addresses only where allowed.
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../../src/worker/index";
import { ADMIN_TOKEN, BASE, createPlan, type TestPlan } from "../../helpers/gateway";

const CONSTRAINT = "syntax_constraint_violation";
const PRIVATE = "must not point at a loopback, private, link-local or unspecified address";

/** The Worker with other vars than the test bindings (which allow private addresses for the local receiver). */
async function callWith(
  vars: Partial<Env>,
  method: string,
  path: string,
  token: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const request = new Request(`${BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  }) as Parameters<typeof worker.fetch>[0];
  const res = await worker.fetch(request, { ...env, ...vars }, createExecutionContext());
  return { status: res.status, body: (await res.json()) as any };
}

const STRICT = { CALLBACK_ALLOW_PRIVATE: undefined };
const send = (plan: TestPlan, callback_url: string, vars: Partial<Env> = STRICT) =>
  callWith(vars, "POST", `/xms/v1/${plan.id}/batches`, plan.token, {
    from: "12345",
    to: ["46700000001"],
    body: "x",
    send_at: "2099-01-01T00:00:00Z",
    callback_url,
  });

describe("callback URL policy", () => {
  it.each([
    "http://127.1:8080/cb",
    "http://0x7f000001:8080/cb",
    "http://2130706433/cb",
    "http://[::ffff:127.0.0.1]:8080/cb",
    "http://[::1]/cb",
    "http://localhost/cb",
    "http://169.254.169.254/latest/meta-data",
    "http://10.0.0.7/cb",
    "http://172.20.0.1/cb",
    "http://192.168.0.1/cb",
    "http://100.64.1.1/cb",
    "http://0.0.0.0/cb",
    "http://[fd00::1]/cb",
    "http://[fe80::1]/cb",
  ])("without CALLBACK_ALLOW_PRIVATE, a batch callback_url %s is a 400 naming the field", async (url) => {
    const plan = await createPlan();
    const res = await send(plan, url);
    expect(res).toEqual({ status: 400, body: { code: CONSTRAINT, text: `callback_url: ${PRIVATE}` } });
  });

  it('the same private URL is accepted where CALLBACK_ALLOW_PRIVATE is "true"; a public one always', async () => {
    const plan = await createPlan();
    expect((await send(plan, "http://127.1:8080/cb", { CALLBACK_ALLOW_PRIVATE: "true" })).status).toBe(201);
    expect((await send(plan, "https://example.com/cb")).status).toBe(201);
  });

  it("refuses the plan's callback_url and a batch update's alike, over REST and tRPC", async () => {
    const plan = await createPlan();
    const created = await callWith(STRICT, "POST", "/admin/v1/service_plans", ADMIN_TOKEN, {
      callback_url: "http://[::ffff:127.0.0.1]/mo",
    });
    expect(created).toEqual({ status: 400, body: { code: CONSTRAINT, text: `callback_url: ${PRIVATE}` } });
    const updated = await callWith(STRICT, "POST", `/admin/v1/service_plans/${plan.id}`, ADMIN_TOKEN, {
      callback_url: "http://192.168.1.1/mo",
    });
    expect(updated.status).toBe(400);
    const batch = (await send(plan, "https://example.com/cb")).body.id;
    const changed = await callWith(STRICT, "POST", `/xms/v1/${plan.id}/batches/${batch}`, plan.token, {
      callback_url: "http://10.0.0.1/cb",
    });
    expect(changed).toEqual({ status: 400, body: { code: CONSTRAINT, text: `callback_url: ${PRIVATE}` } });
    const rpc = await callWith(
      STRICT,
      "POST",
      "/trpc/batches.send",
      plan.token,
      { from: "12345", to: ["46700000001"], body: "x", callback_url: "http://0x7f000001/cb" },
      { "x-service-plan-id": plan.id },
    );
    expect(rpc.status).toBe(400);
    expect(rpc.body.error.data.sinch).toEqual({ code: CONSTRAINT, text: `callback_url: ${PRIVATE}` });
  });

  it("refuses this gateway's own host (the request's and PUBLIC_URL's) even where private ones are allowed", async () => {
    const plan = await createPlan();
    const own = await plan.rest("POST", "/batches", {
      from: "12345",
      to: ["46700000001"],
      body: "x",
      callback_url: `${BASE}/webhooks/sinch/${plan.id}`,
    });
    expect(own).toMatchObject({
      status: 400,
      body: { code: CONSTRAINT, text: "callback_url: must not point at this gateway" },
    });
    const viaPublic = await send(plan, "https://SMS.example.com/webhooks/sinch/x", {
      CALLBACK_ALLOW_PRIVATE: "true",
      PUBLIC_URL: "https://sms.example.com",
    });
    expect(viaPublic.body).toEqual({
      code: CONSTRAINT,
      text: "callback_url: must not point at this gateway",
    });
  });

  it("stores and echoes the normalised URL; sloppy spellings and user info are refused", async () => {
    const plan = await createPlan();
    const res = await send(plan, "HTTPS://Example.COM:443/a/../b?x=1");
    expect(res.body.callback_url).toBe("https://example.com/b?x=1");
    expect((await plan.rest("GET", `/batches/${res.body.id}`)).body.callback_url).toBe(
      "https://example.com/b?x=1",
    );
    expect((await send(plan, "http:/example.com/x")).body.code).toBe("syntax_invalid_parameter_format");
    expect((await send(plan, "http:\\\\example.com\\x")).body.code).toBe("syntax_invalid_parameter_format");
    expect((await send(plan, "https://user:pw@example.com/")).body).toEqual({
      code: CONSTRAINT,
      text: "callback_url: must not contain user info",
    });
  });
});
