// The exported typed client (createGatewayClient) against the running worker, batched and unbatched.
import { describe, expect, it } from "vitest";
import { createGatewayClient } from "../../../src/rpc/client";
import { BASE, createPlan, gatewayFetch } from "../../helpers/gateway";

describe("createGatewayClient", () => {
  it("sends, reads and reports through one batched HTTP request per tick", async () => {
    const plan = await createPlan();
    const client = createGatewayClient({
      url: BASE,
      servicePlanId: plan.id,
      token: plan.token,
      fetch: gatewayFetch,
    });
    const batch = await client.batches.send.mutate({ from: "12345", to: ["+46700000001"], body: "typed" });
    expect(batch.to).toEqual(["46700000001"]);
    const [got, report, list] = await Promise.all([
      client.batches.get.query({ batch_id: batch.id }),
      client.deliveryReports.byBatch.query({ batch_id: batch.id }),
      client.batches.list.query(),
    ]);
    expect(got).toEqual(batch);
    expect(report.total_message_count).toBe(1);
    expect(list.count).toBe(1);
  });

  it("rejects a token of another plan with the Sinch error pair", async () => {
    const a = await createPlan();
    const b = await createPlan();
    const client = createGatewayClient({
      url: BASE,
      servicePlanId: a.id,
      token: b.token,
      fetch: gatewayFetch,
    });
    await expect(client.batches.list.query()).rejects.toMatchObject({
      data: { httpStatus: 401, sinch: { code: "unauthorized" } },
    });
  });
});
