// The dispatch step without the runtime: order, chunking, pacing, per-recipient failures and completion.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addOptOut } from "../../../src/db/opt-outs";
import { dispatchStep } from "../../../src/domain/delivery/dispatch-step";
import { CHUNK } from "../../../src/domain/delivery/limits";
import { deliveryHarness } from "../../helpers/node/delivery-harness";
import type { SqliteD1 } from "../../helpers/node/sqlite-d1";
import { numbers } from "../../helpers/numbers";

describe("dispatch step", () => {
  it("takes batches first in, first out, across many small batches in one submission", async () => {
    const h = await deliveryHarness();
    const first = await h.send({ to: ["46700000001"] });
    const second = await h.send({ to: ["46700000002", "46700000003"] });
    const trips = (h.db.$client as unknown as SqliteD1).trips;
    const before = trips.count;
    expect(await dispatchStep(h.deps)).toBe(true);
    // D1 round trips: read the batches, start them and pick their recipients, record what was submitted.
    expect(trips.count - before).toBe(3);
    expect(h.upstream.submissions).toEqual([
      [`${first.id}:46700000001`, `${second.id}:46700000002`, `${second.id}:46700000003`],
    ]);
    expect(await h.statuses(second.id)).toEqual({
      "46700000002": "Dispatched/401",
      "46700000003": "Dispatched/401",
    });
    // Both exhausted: they wait for receipts, and a further step has nothing to send.
    expect(h.store.dueJobs(h.clock.now, 10)).toEqual([]);
    expect(await dispatchStep(h.deps)).toBe(false);
  });

  it("reads a large batch a chunk at a time and logs nothing in flight after each step", async () => {
    const h = await deliveryHarness();
    const batch = await h.send({ to: numbers(CHUNK * 2 + 10) });
    await dispatchStep(h.deps);
    expect(h.upstream.submissions.map((s) => s.length)).toEqual([CHUNK]);
    expect(h.store.count("inflight")).toBe(0);
    await dispatchStep(h.deps);
    await dispatchStep(h.deps);
    expect(h.upstream.submissions.map((s) => s.length)).toEqual([CHUNK, CHUNK, 10]);
    const statuses = Object.values(await h.statuses(batch.id));
    expect(statuses.every((s) => s === "Dispatched/401")).toBe(true);
  });

  it("spends only the tokens the plan's rate limit has accrued", async () => {
    const h = await deliveryHarness({ rateLimit: 50 });
    await h.send({ to: numbers(40) });
    await dispatchStep(h.deps);
    // A fifth of a second of burst at 50/s.
    expect(h.upstream.submissions.map((s) => s.length)).toEqual([10]);
    expect(await dispatchStep(h.deps)).toBe(false);
    h.clock.now += 100;
    await dispatchStep(h.deps);
    expect(h.upstream.submissions.map((s) => s.length)).toEqual([10, 5]);
  });

  it("fails opted-out numbers (408), missing parameters (405) and too many parts (411) without submitting them", async () => {
    const h = await deliveryHarness();
    await addOptOut(h.db, "plan-1", "46700000009", "keyword", h.clock.now);
    const batch = await h.send({
      to: ["46700000001", "46700000002", "46700000009"],
      body: "Hi ${name}",
      parameters: { name: { "46700000001": "Ann" } },
    });
    const long = await h.send({ to: ["46700000003"], body: "x".repeat(400), max_number_of_message_parts: 2 });
    await dispatchStep(h.deps);
    expect(await h.statuses(batch.id)).toEqual({
      "46700000001": "Dispatched/401",
      "46700000002": "Aborted/405",
      "46700000009": "Rejected/408",
    });
    expect(await h.statuses(long.id)).toEqual({ "46700000003": "Aborted/411" });
    expect(h.upstream.submissions.flat()).toEqual([`${batch.id}:46700000001`]);
  });

  it("completes a batch once its receipts arrive, and the job leaves the line", async () => {
    const h = await deliveryHarness();
    const batch = await h.send({ to: ["46700000001", "46700009500"] });
    await h.settle();
    expect(h.store.count("jobs")).toBe(1);
    h.clock.now += 1_000;
    await h.settle();
    expect(await h.statuses(batch.id)).toEqual({ "46700000001": "Delivered/0", "46700009500": "Failed/15" });
    expect(h.store.count("jobs")).toBe(0);
  });

  it("waits for send_at, then sends", async () => {
    const h = await deliveryHarness();
    const batch = await h.send({
      to: ["46700000001"],
      send_at: new Date(h.clock.now + 60_000).toISOString(),
    });
    expect(await dispatchStep(h.deps)).toBe(false);
    h.clock.now += 60_000;
    expect(await dispatchStep(h.deps)).toBe(true);
    expect(await h.statuses(batch.id)).toEqual({ "46700000001": "Dispatched/401" });
  });

  it("backs off while the upstream is unavailable and sends nothing twice afterwards", async () => {
    const h = await deliveryHarness();
    const batch = await h.send({ to: ["46700000001"] });
    h.upstream.refuseNext(2);
    await h.run();
    expect(h.deps.memory.backoffUntil).toBe(h.clock.now + 5_000);
    await h.run();
    expect(h.upstream.submissions).toEqual([]);
    h.clock.now += 5_000;
    await h.run();
    expect(h.deps.memory.backoffUntil).toBe(h.clock.now + 10_000);
    h.clock.now += 10_000;
    await h.run();
    expect(h.upstream.timesSubmitted(`${batch.id}:46700000001`)).toBe(1);
    expect(await h.statuses(batch.id)).toEqual({ "46700000001": "Dispatched/401" });
  });

  it("starts and picks in one D1 round trip; a batch changed after it was read is not sent from the stale copy", async () => {
    const h = await deliveryHarness();
    const changed = await h.send({ to: ["46700000001"], body: "old text" });
    const other = await h.send({ to: ["46700000002"] });
    const bodies: string[] = [];
    const submit = h.upstream.submit.bind(h.upstream);
    h.upstream.submit = (messages, now) => {
      bodies.push(...messages.map((m) => `${m.batchId}:${m.body}`));
      return submit(messages, now);
    };
    // The step reads both batches, then, just before its one atomic D1 batch, an update lands.
    const client = h.db.$client;
    const batch = client.batch.bind(client);
    let atomicCalls = 0;
    client.batch = async (statements) => {
      if (atomicCalls++ === 0)
        await h.db.run(
          sql`UPDATE batches SET body = 'new text', modified_at = modified_at + 1 WHERE id = ${changed.id}`,
        );
      return batch(statements);
    };
    expect(await dispatchStep(h.deps)).toBe(true);
    expect(h.upstream.submissions).toEqual([[`${other.id}:46700000002`]]);
    expect(await h.statuses(changed.id)).toEqual({ "46700000001": "Queued/400" });
    // Still in line, read again next step: sent with what the batch says now.
    expect(h.store.dueJobs(h.clock.now, 10).map((j) => j.batch_id)).toEqual([changed.id]);
    expect(await dispatchStep(h.deps)).toBe(true);
    expect(bodies).toEqual([`${other.id}:hi`, `${changed.id}:new text`]);
  });
});
