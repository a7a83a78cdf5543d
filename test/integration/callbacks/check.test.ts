// The callback conformance check against real local receivers: one that verifies signatures, one that does not.
import { describe, expect, it } from "vitest";
import { call, createPlan, rpcError } from "../../helpers/gateway";
import { inboxCalls, inboxUrl } from "../../helpers/receiver";

const CASES = [
  ["delivery_report", "2xx"],
  ["inbound", "2xx"],
  ["tampered_body", "4xx"],
  ["wrong_secret", "4xx"],
  ["stale_timestamp", "4xx"],
  ["out_of_order_final", "2xx"],
  ["out_of_order_intermediate", "2xx"],
] as const;

const check = (plan: { id: string; token: string }, url: string) =>
  call("POST", `/gateway/v1/${plan.id}/callbacks/check`, { token: plan.token, body: { url } });

describe("callback conformance check", () => {
  it("passes a receiver that verifies the signature and the timestamp", async () => {
    const plan = await createPlan();
    const name = `check-good-${crypto.randomUUID()}`;
    const url = inboxUrl(name, `?verify=${plan.webhookSecret}`);
    const res = await check(plan, url);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      url,
      passed: true,
      cases: CASES.map(([name, expected]) => ({
        name,
        expected,
        status: expected === "2xx" ? 200 : 401,
        passed: true,
      })),
    });
    // What the receiver got: Sinch's shapes, the pair final first, then the intermediate.
    const bodies = (await inboxCalls(name)).map((c) => JSON.parse(c.body));
    expect(bodies.map((b) => b.type)).toEqual([
      "recipient_delivery_report_sms",
      "mo_text",
      "recipient_delivery_report_sms",
      "recipient_delivery_report_sms",
      "recipient_delivery_report_sms",
      "recipient_delivery_report_sms",
      "recipient_delivery_report_sms",
    ]);
    expect(bodies.slice(5).map((b) => b.status)).toEqual(["Delivered", "Dispatched"]);
    expect(bodies[5].batch_id).toBe(bodies[6].batch_id);
  });

  it("fails a receiver that skips signature checks, naming the cases it accepted", async () => {
    const plan = await createPlan();
    const rpc = await plan.rpc.callbacks.check.mutate({ url: inboxUrl(`check-lax-${crypto.randomUUID()}`) });
    expect(rpc.passed).toBe(false);
    expect(rpc.cases.filter((c) => !c.passed).map((c) => c.name)).toEqual([
      "tampered_body",
      "wrong_secret",
      "stale_timestamp",
    ]);
    expect(rpc.cases.every((c) => c.status === 200)).toBe(true);
  });

  it("fails a receiver that refuses everything", async () => {
    const plan = await createPlan();
    const refusing = await check(
      plan,
      inboxUrl(`check-refusing-${crypto.randomUUID()}`, "?fail=403&times=99"),
    );
    expect(refusing.body.passed).toBe(false);
    expect(
      refusing.body.cases.filter((c: { passed: boolean }) => c.passed).map((c: { name: string }) => c.name),
    ).toEqual(["tampered_body", "wrong_secret", "stale_timestamp"]);
  });

  it("refuses a URL the callback policy refuses, and bad input, with Sinch's 400s", async () => {
    const plan = await createPlan();
    const own = await check(plan, "http://gateway.test/hook");
    expect(own.status).toBe(400);
    expect(own.body).toEqual({
      code: "syntax_constraint_violation",
      text: expect.stringContaining("gateway"),
    });
    const notUrl = await check(plan, "ftp://example.com/x");
    expect(notUrl.status).toBe(400);
    expect(notUrl.body.code).toBe("syntax_invalid_parameter_format");
    const missing = await call("POST", `/gateway/v1/${plan.id}/callbacks/check`, {
      token: plan.token,
      body: {},
    });
    expect(missing.status).toBe(400);
    const viaRpc = await rpcError(plan.rpc.callbacks.check.mutate({ url: "http://gateway.test/hook" }));
    expect(viaRpc).toMatchObject({ status: 400, code: "syntax_constraint_violation" });
    const other = await createPlan();
    const foreign = await call("POST", `/gateway/v1/${plan.id}/callbacks/check`, {
      token: other.token,
      body: { url: inboxUrl("x") },
    });
    expect(foreign.status).toBe(401);
  });
});
