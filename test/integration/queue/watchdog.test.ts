// The cron watchdog re-arms queues: a batch whose enqueue was lost, or whose queue lost its state, still goes out.
import { createScheduledController, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SendQueue } from "../../../src/queue/send-queue";
import worker from "../../../src/worker/index";
import { call, createPlan } from "../../helpers/gateway";
import { drain, queueOf, setClock, simulatorRows, statusesOf } from "../../helpers/queue";

async function tick(at: number) {
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "* * * * *" }), env);
}

describe("watchdog", () => {
  it("puts back a batch its queue lost, and it is sent once", async () => {
    const plan = await createPlan();
    const sendAt = Date.now() + 3_600_000;
    const batch = (
      await plan.rest("POST", "/batches", {
        from: "12345",
        to: ["46700000001", "46700000002"],
        body: "x",
        send_at: new Date(sendAt).toISOString(),
      })
    ).body;
    // The queue forgets everything (as if the enqueue had never arrived).
    await runInDurableObject(queueOf(plan.id), async (q: SendQueue, state) => {
      state.storage.sql.exec("DELETE FROM jobs");
      await state.storage.deleteAlarm();
      q.overrides.now = () => sendAt;
    });
    expect((await queueOf(plan.id).stats()).jobs).toBe(0);
    await tick(sendAt - 30_000);
    expect((await queueOf(plan.id).stats()).jobs).toBe(1);
    await setClock(plan.id, sendAt);
    await drain(plan.id);
    expect(Object.values(await statusesOf(batch.id)).map((s) => s.status)).toEqual([
      "Delivered",
      "Delivered",
    ]);
    await tick(sendAt + 60_000);
    await drain(plan.id);
    expect((await simulatorRows(plan.id)).map((r) => r.submissions)).toEqual([1, 1]);
  });

  it("leaves batches due later than the next tick alone", async () => {
    const plan = await createPlan();
    const sendAt = Date.now() + 3_600_000;
    await plan.rest("POST", "/batches", {
      from: "12345",
      to: ["46700000001"],
      body: "x",
      send_at: new Date(sendAt).toISOString(),
    });
    await runInDurableObject(queueOf(plan.id), (_q: SendQueue, state) => {
      state.storage.sql.exec("DELETE FROM jobs");
    });
    await tick(Date.now());
    expect((await queueOf(plan.id).stats()).jobs).toBe(0);
  });
});

describe("simulator handset view", () => {
  it("lists what each number received over REST and tRPC", async () => {
    const plan = await createPlan();
    await plan.rest("POST", "/batches", {
      from: "Shop",
      to: ["+46700000001", "46700000002"],
      body: "Hej Åsa",
    });
    await drain(plan.id);
    const view = await call("GET", `/simulator/v1/${plan.id}/messages?to=+46700000001`, {
      token: plan.token,
    });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ count: 1, page: 0, page_size: 1 });
    expect(view.body.messages[0]).toMatchObject({
      to: "46700000001",
      from: "Shop",
      body: "Hej Åsa",
      encoding: "GSM",
      number_of_parts: 1,
      status: "Delivered",
      code: 0,
    });
    expect(await plan.rpc.simulator.messages.query({ to: ["46700000001"] })).toEqual(view.body);
    const other = await createPlan();
    expect((await call("GET", `/simulator/v1/${plan.id}/messages`, { token: other.token })).status).toBe(401);
  });
});
