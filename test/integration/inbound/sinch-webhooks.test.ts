// Sinch's webhooks: only fresh requests signed with the plan's Sinch secret change anything; duplicates change nothing.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, call, createPlan } from "../../helpers/gateway";
import { statusesOf } from "../../helpers/queue";
import { postWebhook as post, SECRET, signed, sinchPlan } from "../../helpers/sinch-webhook";

describe("Sinch webhooks", () => {
  it("never returns the Sinch token or secret from the admin API", async () => {
    const { plan } = await sinchPlan();
    const settings = await call("GET", `/admin/v1/service_plans/${plan.id}`, { token: ADMIN_TOKEN });
    expect(settings.body.upstream).toEqual({
      type: "sinch",
      base_url: "http://127.0.0.1:9",
      service_plan_id: "sinch-plan",
    });
    expect(JSON.stringify(settings.body)).not.toContain("sinch-token");
    expect(JSON.stringify(settings.body)).not.toContain(SECRET);
    const stored = await env.DB.prepare(
      "SELECT sinch_api_token_encrypted AS t FROM service_plans WHERE id = ?",
    )
      .bind(plan.id)
      .first<{ t: string }>();
    expect(stored?.t).toMatch(/^v1\./);
    expect(stored?.t).not.toContain("sinch-token");
  });

  it("applies a signed recipient report once; a duplicate changes nothing", async () => {
    const { plan, batch, upstreamId } = await sinchPlan();
    const body = JSON.stringify({
      type: "recipient_delivery_report_sms",
      batch_id: upstreamId,
      recipient: "46700000001",
      status: "Delivered",
      code: 0,
      at: "2030-01-01T00:00:00.000Z",
      operator_status_at: "2030-01-01T00:00:00Z",
    });
    expect((await post(plan.id, body, await signed(SECRET, body))).status).toBe(200);
    expect((await statusesOf(batch.id))["46700000001"]).toEqual({ status: "Delivered", code: 0 });
    const report = await plan.rest("GET", `/batches/${batch.id}/delivery_report/46700000001`);
    expect(report.body).toMatchObject({
      at: "2030-01-01T00:00:00.000Z",
      operator_status_at: "2030-01-01T00:00:00.000Z",
    });
    const late = JSON.stringify({ ...JSON.parse(body), status: "Dispatched", code: 401 });
    expect((await post(plan.id, late, await signed(SECRET, late))).status).toBe(200);
    expect((await post(plan.id, body, await signed(SECRET, body))).status).toBe(200);
    expect((await statusesOf(batch.id))["46700000001"]).toEqual({ status: "Delivered", code: 0 });
  });

  it("stores a signed MO once, however often Sinch retries it", async () => {
    const { plan } = await sinchPlan();
    const body = JSON.stringify({
      type: "mo_text",
      id: "01W4FFL35P4NC4K35INBOUND01",
      from: "12015555555",
      to: "12017777777",
      body: "Hello John!",
      operator_id: "311071",
      received_at: "2024-06-06T14:16:54.777Z",
    });
    for (let i = 0; i < 3; i++)
      expect((await post(plan.id, body, await signed(SECRET, body))).status).toBe(200);
    const list = await plan.rest("GET", "/inbounds");
    expect(list.body.count).toBe(1);
    expect(list.body.inbounds[0]).toMatchObject({
      from: "12015555555",
      to: "12017777777",
      body: "Hello John!",
      operator_id: "311071",
      received_at: "2024-06-06T14:16:54.777Z",
    });
  });

  it("refuses unsigned, badly signed, replayed and other-plan requests with 401, changing nothing", async () => {
    const { plan, batch, upstreamId } = await sinchPlan();
    const OTHER_SECRET = "the-other-plans-sinch-secret";
    const other = await sinchPlan(OTHER_SECRET);
    const simulatorPlan = await createPlan();
    const body = JSON.stringify({
      type: "recipient_delivery_report_sms",
      batch_id: upstreamId,
      recipient: "46700000002",
      status: "Failed",
      code: 15,
    });
    const attempts = [
      await post(plan.id, body),
      await post(plan.id, body, await signed("wrong-secret", body)),
      await post(plan.id, body, await signed(SECRET, body, Date.now() - 10 * 60_000)),
      await post(plan.id, `${body} `, await signed(SECRET, body)),
      await post(other.plan.id, body, await signed(SECRET, body)),
      await post(simulatorPlan.id, body, await signed(SECRET, body)),
      await post("no-such-plan", body, await signed(SECRET, body)),
    ];
    for (const a of attempts) {
      expect(a.status).toBe(401);
      expect(JSON.parse(a.text)).toMatchObject({ code: "unauthorized" });
    }
    expect((await statusesOf(batch.id))["46700000002"]).toEqual({ status: "Queued", code: 400 });
    // The other plan's webhook, correctly signed, cannot reach this plan's batch either.
    const cross = JSON.stringify({ ...JSON.parse(body), batch_id: upstreamId });
    expect((await post(other.plan.id, cross, await signed(OTHER_SECRET, cross))).status).toBe(200);
    expect((await statusesOf(batch.id))["46700000002"]).toEqual({ status: "Queued", code: 400 });
  });

  it("finishes an MO whose first delivery failed half-way: the retried STOP still opts the number out", async () => {
    const { plan } = await sinchPlan();
    // As if the first delivery stored the message, then failed before keywords and opt-outs ran.
    await env.DB.prepare(
      "INSERT INTO inbounds (id, service_plan_id, type, \"from\", \"to\", body, received_at, external_id) VALUES (?, ?, 'mo_text', '46700000009', '12345', 'STOP', 0, 'MO-HALF')",
    )
      .bind(crypto.randomUUID().replaceAll("-", "").slice(0, 26).toUpperCase(), plan.id)
      .run();
    const body = JSON.stringify({
      type: "mo_text",
      id: "MO-HALF",
      from: "46700000009",
      to: "12345",
      body: "STOP",
    });
    expect((await post(plan.id, body, await signed(SECRET, body))).status).toBe(200);
    expect((await plan.rpc.optOuts.list.query()).opt_outs.map((o) => o.msisdn)).toEqual(["46700000009"]);
    expect((await plan.rest("GET", "/inbounds")).body.count).toBe(1);
  });

  it("answers a malformed but signed callback with 400, not 500", async () => {
    const { plan } = await sinchPlan();
    for (const payload of [
      { type: "recipient_delivery_report_sms", batch_id: "x" },
      { type: "mo_text", id: "1" },
      { type: "weird" },
    ]) {
      const body = JSON.stringify(payload);
      const res = await post(plan.id, body, await signed(SECRET, body));
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text).code).toMatch(/^syntax_/);
    }
  });
});
