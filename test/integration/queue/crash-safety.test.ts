// Nothing lost, nothing sent twice: crashes between submit and record, evictions, doubled alarms.
import { evictDurableObject, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createPlan } from "../../helpers/gateway";
import { numbers } from "../../helpers/numbers";
import { crashNextStep, drain, queueOf, setClock, simulatorRows, statusesOf } from "../../helpers/queue";

async function scheduledBatch(plan: Awaited<ReturnType<typeof createPlan>>, count: number, sendAt: number) {
  return (
    await plan.rest("POST", "/batches", {
      from: "12345",
      to: numbers(count),
      body: "once",
      send_at: new Date(sendAt).toISOString(),
    })
  ).body as { id: string };
}

async function expectExactlyOnce(planId: string, batchId: string, count: number) {
  const rows = await simulatorRows(planId);
  expect(rows).toHaveLength(count);
  expect(rows.filter((r) => r.submissions !== 1)).toEqual([]);
  const statuses = Object.values(await statusesOf(batchId));
  expect(statuses).toHaveLength(count);
  expect(statuses.every((s) => s.status === "Delivered")).toBe(true);
}

describe("exactly once", () => {
  for (const point of ["after-submit", "after-record"] as const) {
    it(`a crash ${point} and an eviction: the restart reconciles and submits nothing twice`, async () => {
      const plan = await createPlan({ rate_limit: 0 });
      const sendAt = Date.now() + 3_600_000;
      const batch = await scheduledBatch(plan, 600, sendAt);
      await setClock(plan.id, sendAt);
      await crashNextStep(plan.id, point);
      await expect(runDurableObjectAlarm(queueOf(plan.id))).rejects.toThrow(/simulated crash/);
      const stats = await queueOf(plan.id).stats();
      expect(stats.inflight).toBe(250);
      await evictDurableObject(queueOf(plan.id));
      await setClock(plan.id, sendAt + 2_000);
      await drain(plan.id);
      await expectExactlyOnce(plan.id, batch.id, 600);
    });
  }

  it("an alarm that runs twice (at-least-once delivery) changes nothing the second time", async () => {
    const plan = await createPlan({ rate_limit: 0 });
    const sendAt = Date.now() + 3_600_000;
    const batch = await scheduledBatch(plan, 300, sendAt);
    await setClock(plan.id, sendAt);
    const stub = queueOf(plan.id);
    // Two runs racing for the same due work, as a retried alarm would.
    await Promise.all([
      runDurableObjectAlarm(stub),
      stub.enqueue(plan.id, [{ batchId: batch.id, sendAt, expireAt: sendAt + 1e6 }]),
    ]);
    await drain(plan.id);
    await stub.enqueue(plan.id, [{ batchId: batch.id, sendAt, expireAt: sendAt + 1e6 }]);
    await drain(plan.id);
    await expectExactlyOnce(plan.id, batch.id, 300);
  });
});
