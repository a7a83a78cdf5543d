// Staging plans: allowlisted numbers reach a stand-in for Sinch's REST API, every other recipient the simulator.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, adminRpc, call } from "../../helpers/gateway";
import { runUntil, simulatorRows, statusesOf } from "../../helpers/queue";
import { inboxCalls, inboxUrl } from "../../helpers/receiver";
import { postWebhook, receiverSinchPlan, SECRET, signed } from "../../helpers/sinch-webhook";

const stagingPlan = (real: string[] | null, callbackInbox: string) =>
  receiverSinchPlan({ callback_url: inboxUrl(callbackInbox), simulate_except: real });

describe("staging allowlist (simulate_except)", () => {
  it("sends allowlisted numbers to Sinch and simulates the rest; reports and callbacks look alike", async () => {
    const callbacks = `staging-cb-${crypto.randomUUID()}`;
    const { plan, sinchSends } = await stagingPlan(["+46700000001"], callbacks);
    const batch = (
      await plan.rest("POST", "/batches", {
        from: "12345",
        to: ["46700000001", "46700000002", "46700000003"],
        body: "Staging hello",
        delivery_report: "per_recipient_final",
      })
    ).body;
    await runUntil(
      plan.id,
      async () => (await sinchSends()).length === 1 && (await simulatorRows(plan.id)).length === 2,
    );

    // Sinch got one batch with only the allowlisted number, with its token.
    const [forwarded] = await sinchSends();
    expect(forwarded?.headers.authorization).toBe("Bearer sinch-token");
    expect(JSON.parse(forwarded?.body ?? "")).toMatchObject({ to: ["46700000001"], body: "Staging hello" });
    // The simulator's handsets got the others, and only them.
    expect((await simulatorRows(plan.id)).map((r) => r.recipient)).toEqual(["46700000002", "46700000003"]);
    const handsets = await call("GET", `/simulator/v1/${plan.id}/messages`, { token: plan.token });
    expect(handsets.body.messages.map((m: { to: string }) => m.to).sort()).toEqual([
      "46700000002",
      "46700000003",
    ]);

    await runUntil(plan.id, async () => (await inboxCalls(callbacks)).length === 2);
    expect(await statusesOf(batch.id)).toEqual({
      "46700000001": { status: "Dispatched", code: 401 },
      "46700000002": { status: "Delivered", code: 0 },
      "46700000003": { status: "Delivered", code: 0 },
    });

    // Sinch's receipt for the real number arrives by webhook, as for any Sinch plan.
    const { results } = await env.DB.prepare(
      "SELECT upstream_batch_id AS id FROM upstream_batches WHERE service_plan_id = ? AND batch_id = ?",
    )
      .bind(plan.id, batch.id)
      .all<{ id: string }>();
    expect(results).toHaveLength(1);
    const dlr = JSON.stringify({
      type: "recipient_delivery_report_sms",
      batch_id: results[0]?.id,
      recipient: "46700000001",
      status: "Delivered",
      code: 0,
      at: new Date().toISOString(),
      operator_status_at: new Date().toISOString(),
    });
    expect((await postWebhook(plan.id, dlr, await signed(SECRET, dlr))).status).toBe(200);
    await runUntil(plan.id, async () => (await inboxCalls(callbacks)).length === 3);
    const reports = (await inboxCalls(callbacks)).map((c) => JSON.parse(c.body));
    expect(reports.map((r) => r.recipient).sort()).toEqual(["46700000001", "46700000002", "46700000003"]);
    const shape = (r: object) => Object.keys(r).sort();
    expect(reports.map(shape)).toEqual([shape(reports[0]), shape(reports[0]), shape(reports[0])]);
    expect(reports.every((r) => r.type === "recipient_delivery_report_sms" && r.status === "Delivered")).toBe(
      true,
    );
  });

  it("is a plan setting (REST and tRPC, normalised, cleared with null); staging plans take simulated inbounds", async () => {
    const { plan } = await stagingPlan([], `unused-${crypto.randomUUID()}`);
    const path = `/admin/v1/service_plans/${plan.id}`;
    expect((await call("GET", path, { token: ADMIN_TOKEN })).body.simulate_except).toEqual([]);
    const updated = await call("POST", path, {
      token: ADMIN_TOKEN,
      body: { simulate_except: ["+46700000009"] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.simulate_except).toEqual(["46700000009"]);
    const viaRpc = await adminRpc().admin.updateServicePlan.mutate({
      service_plan_id: plan.id,
      simulate_except: ["0046700000008", "46700000008"],
    });
    expect(viaRpc.simulate_except).toEqual(["46700000008"]);
    const mo = await call("POST", `/simulator/v1/${plan.id}/inbounds`, {
      token: plan.token,
      body: { from: "46700000002", to: "12345", body: "hi" },
    });
    expect(mo.status).toBe(201);
    const bad = await call("POST", path, { token: ADMIN_TOKEN, body: { simulate_except: ["not a number"] } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("syntax_invalid_parameter_format");
    const cleared = await call("POST", path, { token: ADMIN_TOKEN, body: { simulate_except: null } });
    expect(cleared.body.simulate_except).toBeNull();
    // Without the allowlist a Sinch plan is all real: the simulator is not its to use.
    const refused = await call("POST", `/simulator/v1/${plan.id}/inbounds`, {
      token: plan.token,
      body: { from: "46700000002", to: "12345", body: "hi" },
    });
    expect(refused.status).toBe(403);
  });
});
