// The simulator's handset view follows each message's delivery state and leaves out what never left the network.
import { describe, expect, it } from "vitest";
import { call, createPlan } from "../../helpers/gateway";
import { runUntil, statusesOf } from "../../helpers/queue";

describe("simulator handset view", () => {
  it("shows each message's current status and code; an Aborted (never dispatched) message is not there", async () => {
    const plan = await createPlan();
    const batch = await plan.rest("POST", "/batches", {
      from: "Shop",
      to: ["46700000001", "46700009402", "46700009500", "46700009700"],
      body: "Hi",
    });
    await runUntil(plan.id, async () => {
      const s = await statusesOf(batch.body.id);
      return s["46700000001"]?.code === 0 && s["46700009500"]?.code === 15;
    });
    const view = await call("GET", `/simulator/v1/${plan.id}/messages`, { token: plan.token });
    expect(view.status).toBe(200);
    const seen = Object.fromEntries(
      view.body.messages.map((m: { to: string; status: string; code: number }) => [
        m.to,
        `${m.status}/${m.code}`,
      ]),
    );
    expect(seen).toEqual({
      "46700000001": "Delivered/0",
      "46700009500": "Failed/15",
      // No receipt from the operator yet: still Dispatched.
      "46700009700": "Dispatched/401",
    });
    expect(view.body.count).toBe(3);
    const aborted = await call("GET", `/simulator/v1/${plan.id}/messages?to=46700009402`, {
      token: plan.token,
    });
    expect(aborted.body).toMatchObject({ count: 0, messages: [] });
    expect(await plan.rpc.simulator.messages.query({})).toEqual(view.body);
  });
});
