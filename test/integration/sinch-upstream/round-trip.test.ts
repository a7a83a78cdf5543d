// The Sinch upstream end to end: gateway A forwards to gateway B (a second real instance standing in for Sinch),
// B calls A's webhook with signed reports and MOs, and A's reports and inbounds match B's. No mocked fetch.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

interface Res {
  status: number;
  body: any;
}

async function http(base: string, method: string, path: string, token: string, body?: unknown): Promise<Res> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function eventually<T>(
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  what: string,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await probe();
  }
  return last;
}

const A = () => env.TEST_GATEWAY_A;
const B = () => env.TEST_GATEWAY_B;
const ADMIN = () => env.TEST_E2E_ADMIN_TOKEN;

/** B's plan plays Sinch; A's plan is connected to it exactly as it would be to Sinch. */
async function connectedPlans() {
  const b = (await http(B(), "POST", "/admin/v1/service_plans", ADMIN(), { name: "stand-in-sinch" })).body;
  const a = (
    await http(A(), "POST", "/admin/v1/service_plans", ADMIN(), {
      name: "edge",
      upstream: {
        type: "sinch",
        base_url: B(),
        service_plan_id: b.service_plan_id,
        api_token: b.api_token,
        webhook_secret: b.webhook_secret,
      },
    })
  ).body;
  // Sinch sends MOs to the plan's callback URL: B's points at A's webhook.
  await http(B(), "POST", `/admin/v1/service_plans/${b.service_plan_id}`, ADMIN(), {
    callback_url: `${A()}/webhooks/sinch/${a.service_plan_id}`,
  });
  return { a, b };
}

const FINAL = new Set(["Delivered", "Failed", "Rejected", "Aborted", "Expired", "Cancelled"]);

describe("A (Sinch upstream) -> B (stand-in Sinch)", () => {
  it("delivers a batch with parameters and every simulator outcome; A's reports equal B's", async () => {
    const { a, b } = await connectedPlans();
    const numbers = [
      "46700001111",
      "46700009402",
      "46700009500",
      "46700009600",
      "46700009700",
      "46700002222",
    ];
    const sent = await http(A(), "POST", `/xms/v1/${a.service_plan_id}/batches`, a.api_token, {
      from: "12345",
      to: numbers,
      body: "Hi ${name}, code ${code}",
      parameters: {
        name: { "46700001111": "Ann", default: "friend" },
        code: {
          "46700001111": "1",
          "46700009402": "2",
          "46700009500": "3",
          "46700009600": "4",
          "46700009700": "5",
        },
      },
      delivery_report: "full",
      client_reference: "order-7",
      // 9700 never gets a receipt: it ends Expired at expire_at, on B and therefore on A.
      expire_at: new Date(Date.now() + 4_000).toISOString(),
    });
    expect(sent.status).toBe(201);
    const batchId = sent.body.id;
    const report = await eventually(
      () =>
        http(
          A(),
          "GET",
          `/xms/v1/${a.service_plan_id}/batches/${batchId}/delivery_report?type=full`,
          a.api_token,
        ),
      (r) => r.body.statuses.every((s: { status: string }) => FINAL.has(s.status)),
      "A's batch to finish",
    );
    const onA = Object.fromEntries(
      report.body.statuses.flatMap((s: any) => s.recipients.map((r: string) => [r, `${s.status}/${s.code}`])),
    );
    // No value and no default for ${code}: A fails that recipient itself and never forwards it.
    expect(onA["46700002222"]).toBe("Aborted/405");
    expect(onA).toMatchObject({
      "46700001111": "Delivered/0",
      "46700009402": "Aborted/402",
      "46700009500": "Failed/15",
      "46700009600": "Rejected/16",
      "46700009700": "Expired/406",
    });
    // B's handsets got the forwarded recipients with the parameters rendered as Sinch would render them
    // (the unroutable number's message never left B's network, so no handset shows it).
    const handsets = (await http(B(), "GET", `/simulator/v1/${b.service_plan_id}/messages`, b.api_token)).body
      .messages;
    const bodies = Object.fromEntries(handsets.map((m: any) => [m.to, m.body]));
    expect(bodies).toEqual({
      "46700001111": "Hi Ann, code 1",
      "46700009500": "Hi friend, code 3",
      "46700009600": "Hi friend, code 4",
      "46700009700": "Hi friend, code 5",
    });
    const bBatchId = handsets[0].batch_id;
    const bReport = await http(
      B(),
      "GET",
      `/xms/v1/${b.service_plan_id}/batches/${bBatchId}/delivery_report?type=full`,
      b.api_token,
    );
    const onB = Object.fromEntries(
      bReport.body.statuses.flatMap((s: any) =>
        s.recipients.map((r: string) => [r, `${s.status}/${s.code}`]),
      ),
    );
    for (const [recipient, state] of Object.entries(onB)) expect(onA[recipient]).toBe(state);
    // The user's client_reference travels to Sinch, and the delivery report here keeps it.
    const bBatch = (await http(B(), "GET", `/xms/v1/${b.service_plan_id}/batches/${bBatchId}`, b.api_token))
      .body;
    expect(bBatch.client_reference).toBe("order-7");
    expect(report.body.client_reference).toBe("order-7");
  });

  it("mirrors an MO sent to B into A's inbounds", async () => {
    const { a, b } = await connectedPlans();
    const mo = await http(B(), "POST", `/simulator/v1/${b.service_plan_id}/inbounds`, b.api_token, {
      from: "46700003333",
      to: "12345",
      body: "Reply from a phone",
    });
    expect(mo.status).toBe(201);
    const inbounds = await eventually(
      () => http(A(), "GET", `/xms/v1/${a.service_plan_id}/inbounds`, a.api_token),
      (r) => r.body.count === 1,
      "A to receive the MO",
    );
    expect(inbounds.body.inbounds[0]).toMatchObject({
      type: "mo_text",
      from: "46700003333",
      to: "12345",
      body: "Reply from a phone",
      received_at: mo.body.received_at,
    });
  });

  it("forwards a cancel of a batch already handed to B", async () => {
    const { a, b } = await connectedPlans();
    const sent = await http(A(), "POST", `/xms/v1/${a.service_plan_id}/batches`, a.api_token, {
      from: "12345",
      to: ["46700009700"],
      body: "never answered",
    });
    const handsets = await eventually(
      () => http(B(), "GET", `/simulator/v1/${b.service_plan_id}/messages`, b.api_token),
      (r) => r.body.count === 1,
      "B to receive the message",
    );
    const bBatchId = handsets.body.messages[0].batch_id;
    expect(
      (await http(A(), "DELETE", `/xms/v1/${a.service_plan_id}/batches/${sent.body.id}`, a.api_token)).status,
    ).toBe(200);
    const onB = await eventually(
      () => http(B(), "GET", `/xms/v1/${b.service_plan_id}/batches/${bBatchId}`, b.api_token),
      (r) => r.body.canceled === true,
      "B's batch to be canceled",
    );
    expect(onB.body.canceled).toBe(true);
  });
});
