// Staging through a real second gateway: a Sinch plan with simulate_except sends only the listed number to "Sinch"
// (gateway B, a whole gateway standing in for it) and simulates every other recipient, as on a simulator plan.
import { describe, expect, it } from "vitest";
import { onB, planSendingToB } from "../../helpers/gateway-b";
import { queueOf, runUntil, simulatorRows, statusesOf } from "../../helpers/queue";

describe("staging allowlist against a second gateway acting as Sinch", () => {
  it("sends the allowlisted number to Sinch and simulates the others", async () => {
    const { a, b } = await planSendingToB({ simulate_except: ["46700000001"] });
    const batch = (
      await a.rest("POST", "/batches", {
        from: "12345",
        to: ["46700000001", "46700000002", "46700000003"],
        body: "staging",
        client_reference: "staging-1",
      })
    ).body;
    // Sinch's reports would come back by webhook (not configured here): wait for the submissions only.
    await runUntil(
      a.id,
      async () => (await queueOf(a.id).stats()).inflight === 0 && (await simulatorRows(a.id)).length === 2,
    );

    const forwarded = await onB(
      "GET",
      `/xms/v1/${b.service_plan_id}/batches?client_reference=staging-1`,
      b.api_token,
    );
    expect(forwarded.count).toBe(1);
    expect(forwarded.batches[0].to).toEqual(["46700000001"]);
    const simulated = (await simulatorRows(a.id)).map((r) => r.recipient).sort();
    expect(simulated).toEqual(["46700000002", "46700000003"]);
    const statuses = Object.values(await statusesOf(batch.id)).map((s) => s.status);
    expect(statuses).toHaveLength(3);
    expect(statuses.every((s) => s === "Dispatched" || s === "Delivered")).toBe(true);
  });
});
