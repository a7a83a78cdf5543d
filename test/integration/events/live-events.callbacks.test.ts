// callback.attempt events: every post of the plan's callback outbox, with its outcome, as the socket sees it.
import { describe, expect, it } from "vitest";
import { call, createPlan } from "../../helpers/gateway";
import { connectLive } from "../../helpers/live-socket";
import { drain } from "../../helpers/queue";
import { inboxUrl } from "../../helpers/receiver";

describe("live events: callback attempts", () => {
  it("a refused batch report gives up, a delivered inbound callback says delivered", async () => {
    const url = inboxUrl(`live-${crypto.randomUUID()}`, "?fail=400&times=1");
    const plan = await createPlan({ callback_url: url });
    const live = await connectLive(plan.id, plan.token);
    await plan.rest("POST", "/batches", {
      from: "12345",
      to: ["46700001234"],
      body: "hi",
      delivery_report: "summary",
    });
    await drain(plan.id);
    await call("POST", `/simulator/v1/${plan.id}/inbounds`, {
      token: plan.token,
      body: { from: "+46700000042", to: "12345", body: "hello" },
    });
    await live.waitFor((f) => f.type === "inbound");
    await drain(plan.id);
    const attempts = (await live.waitFor((f) => f.type === "callback.attempt", { count: 2 })).map(
      (f) => f.data,
    );
    expect(attempts).toMatchObject([
      { kind: "batch_report", url, attempt: 1, status: 400, outcome: "gave_up" },
      { kind: "inbound", url, attempt: 1, status: 200, outcome: "delivered" },
    ]);
    for (const a of attempts) {
      expect(a.latency_ms).toBeGreaterThanOrEqual(0);
      expect(typeof a.id === "number" || typeof a.id === "string").toBe(true);
    }
    live.close();
  });
});
