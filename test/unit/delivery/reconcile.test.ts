// Crash safety without the runtime: a step cut short after submit or after record, then a restart, sends nothing
// twice and loses nothing.
import { sql as query } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { CrashPoint } from "../../../src/domain/delivery/deps";
import { deliveryHarness } from "../../helpers/node/delivery-harness";

describe("reconcile after a crash", () => {
  for (const point of ["after-submit", "after-record"] satisfies CrashPoint[]) {
    it(`${point}: the restart asks the upstream, records its answer and submits nothing again`, async () => {
      const h = await deliveryHarness();
      const batch = await h.send({ to: ["46700000001", "46700000002", "46700009500"] });
      h.crashes.push(point);
      await expect(h.run()).rejects.toThrow(`simulated crash ${point}`);
      expect(h.store.count("inflight")).toBe(3);
      if (point === "after-submit")
        expect(Object.values(await h.statuses(batch.id))).toEqual(["Queued/400", "Queued/400", "Queued/400"]);
      h.restart();
      await h.settle();
      h.clock.now += 1_000;
      await h.settle();
      expect(await h.statuses(batch.id)).toEqual({
        "46700000001": "Delivered/0",
        "46700000002": "Delivered/0",
        "46700009500": "Failed/15",
      });
      for (const r of ["46700000001", "46700000002", "46700009500"])
        expect(h.upstream.timesSubmitted(`${batch.id}:${r}`)).toBe(1);
      expect(h.store.count("inflight")).toBe(0);
      expect(h.store.count("jobs")).toBe(0);
    });
  }

  it("a submission the upstream never received is sent after the restart, once", async () => {
    const h = await deliveryHarness();
    const batch = await h.send({ to: ["46700000001"] });
    h.upstream.refuseNext(1);
    await h.run();
    h.restart();
    await h.settle();
    expect(h.upstream.timesSubmitted(`${batch.id}:46700000001`)).toBe(1);
    expect(await h.statuses(batch.id)).toEqual({ "46700000001": "Dispatched/401" });
  });

  it("a receipt that arrives twice changes nothing the second time", async () => {
    const h = await deliveryHarness({ callbackUrl: "https://example.com/callback" });
    const batch = await h.send({ to: ["46700000001"], delivery_report: "per_recipient" });
    await h.settle();
    h.clock.now += 1_000;
    await h.settle();
    const outbox = async () =>
      (await h.db.all<{ n: number }>(query`SELECT count(*) AS n FROM callbacks`))[0]?.n;
    const callbacks = await outbox();
    await h.ctx.queue.recordEvents([
      { batchId: batch.id, recipient: "46700000001", status: "Delivered", code: 0, at: h.clock.now },
    ]);
    expect(await outbox()).toBe(callbacks);
    expect(callbacks).toBe(2);
  });
});
