// The Sinch upstream after a crash between submit and record: the restarted queue finds the batch at "Sinch" by its
// client_reference and recipients and sends nothing again. Here this worker is A, gateway B stands in for Sinch.

import { abortAllDurableObjects, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { onB, planSendingToB } from "../../helpers/gateway-b";
import { crashNextStep, queueOf, runUntil, setClock, statusesOf } from "../../helpers/queue";

describe("Sinch upstream, exactly once", () => {
  it("a crash after Sinch accepted a chunk: reconcile finds it, nothing is sent twice", async () => {
    const { a, b } = await planSendingToB();
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
