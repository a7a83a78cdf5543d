// The Sinch upstream after a crash between submit and record: the restarted queue finds the batch at "Sinch" by its
// client_reference and recipients and sends nothing again. Here this worker is A, gateway B stands in for Sinch.

import { abortAllDurableObjects, runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createPlan } from "../../helpers/gateway";
import { crashNextStep, queueOf, runUntil, setClock, statusesOf } from "../../helpers/queue";

async function onB(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${env.TEST_GATEWAY_B}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as any;
}

describe("Sinch upstream, exactly once", () => {
  it("a crash after Sinch accepted a chunk: reconcile finds it, nothing is sent twice", async () => {
    const b = await onB("POST", "/admin/v1/service_plans", env.TEST_E2E_ADMIN_TOKEN, { name: "stand-in" });
    const a = await createPlan({
      rate_limit: 0,
      upstream: {
        type: "sinch",
        base_url: env.TEST_GATEWAY_B,
        service_plan_id: b.service_plan_id,
        api_token: b.api_token,
        webhook_secret: b.webhook_secret,
      },
    });
    const sendAt = Date.now() + 3_600_000;
    const batch = (
      await a.rest("POST", "/batches", {
        from: "12345",
        to: ["46700000001", "46700000002", "46700000003"],
        body: "once",
        client_reference: "crm-42",
        send_at: new Date(sendAt).toISOString(),
      })
    ).body;
    await setClock(a.id, sendAt);
    await crashNextStep(a.id, "after-submit");
    await expect(runDurableObjectAlarm(queueOf(a.id))).rejects.toThrow(/simulated crash/);
    expect((await queueOf(a.id).stats()).inflight).toBe(3);
    // The object dies with the crash: everything in memory is gone, storage stays.
    await abortAllDurableObjects();
    await setClock(a.id, sendAt + 1_000);
    await runUntil(a.id, async () => (await queueOf(a.id).stats()).inflight === 0);
    expect(Object.values(await statusesOf(batch.id)).map((s) => s.status)).toEqual([
      "Dispatched",
      "Dispatched",
      "Dispatched",
    ]);
    const forwarded = await onB(
      "GET",
      `/xms/v1/${b.service_plan_id}/batches?client_reference=crm-42`,
      b.api_token,
    );
    expect(forwarded.count).toBe(1);
    expect(forwarded.batches[0].to.sort()).toEqual(["46700000001", "46700000002", "46700000003"]);
  });
});
