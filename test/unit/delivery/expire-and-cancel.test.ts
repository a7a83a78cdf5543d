// Expiry and cancel without the runtime: what is still open ends Expired (406) or Cancelled (407), nothing else moves.
import { describe, expect, it } from "vitest";
import { dispatchStep } from "../../../src/domain/delivery/dispatch-step";
import { expireDue } from "../../../src/domain/delivery/expire";
import { CHUNK } from "../../../src/domain/delivery/limits";
import { deliveryHarness } from "../../helpers/node/delivery-harness";
import { numbers } from "../../helpers/numbers";

describe("expiry", () => {
  it("ends what has no receipt at expire_at as Expired 406, keeps final statuses, and closes the batch", async () => {
    const h = await deliveryHarness();
    const expireAt = h.clock.now + 60_000;
    const batch = await h.send({
      to: ["46700000001", "46700009700"],
      expire_at: new Date(expireAt).toISOString(),
    });
    await h.settle();
    h.clock.now += 1_000;
    await h.settle();
    expect(await h.statuses(batch.id)).toEqual({
      "46700000001": "Delivered/0",
      "46700009700": "Dispatched/401",
    });
    expect(await expireDue(h.deps)).toBe(false);
    h.clock.now = expireAt;
    expect(await expireDue(h.deps)).toBe(true);
    expect(await h.statuses(batch.id)).toEqual({
      "46700000001": "Delivered/0",
      "46700009700": "Expired/406",
    });
    expect(h.store.count("jobs")).toBe(0);
    const [row] = await h.db.all<{ completed_at: number }>(`SELECT completed_at FROM batches`);
    expect(row?.completed_at).toBe(expireAt);
  });

  it("expires a scheduled batch that never got its turn", async () => {
    const h = await deliveryHarness({ rateLimit: 1 });
    const batch = await h.send({ to: numbers(5), expire_at: new Date(h.clock.now + 2_000).toISOString() });
    await dispatchStep(h.deps);
    h.clock.now += 2_000;
    await expireDue(h.deps);
    // One token at 1/s: one message left; it and the four that never did end Expired.
    expect(h.upstream.submissions.flat()).toHaveLength(1);
    expect(Object.values(await h.statuses(batch.id))).toEqual(Array(5).fill("Expired/406"));
  });
});

describe("cancel", () => {
  it("ends only undispatched recipients as Cancelled 407, tells the upstream, and sends nothing more", async () => {
    const h = await deliveryHarness();
    const batch = await h.send({ to: numbers(CHUNK + 50) });
    await dispatchStep(h.deps);
    await h.cancel(batch.id);
    const statuses = Object.values(await h.statuses(batch.id));
    expect(statuses.filter((s) => s === "Dispatched/401")).toHaveLength(CHUNK);
    expect(statuses.filter((s) => s === "Cancelled/407")).toHaveLength(50);
    expect(h.upstream.cancelled).toEqual([batch.id]);
    await h.settle();
    expect(h.upstream.submissions.flat()).toHaveLength(CHUNK);
  });

  it("cancels a scheduled batch before it starts: no message leaves", async () => {
    const h = await deliveryHarness();
    const batch = await h.send({ to: numbers(3), send_at: new Date(h.clock.now + 60_000).toISOString() });
    await h.cancel(batch.id);
    h.clock.now += 60_000;
    await h.settle();
    expect(Object.values(await h.statuses(batch.id))).toEqual([
      "Cancelled/407",
      "Cancelled/407",
      "Cancelled/407",
    ]);
    expect(h.upstream.submissions).toEqual([]);
    expect(h.store.count("jobs")).toBe(0);
  });
});
