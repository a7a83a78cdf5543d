// Live events through the real runtime: a batch's whole life, an inbound STOP, and what a socket sees of each.
import { describe, expect, it } from "vitest";
import { call, createPlan } from "../../helpers/gateway";
import { connectLive, type LiveFrame } from "../../helpers/live-socket";
import { drain } from "../../helpers/queue";

const ofType = (type: string) => (f: LiveFrame) => f.type === type;

/** Every event frame has the envelope of the protocol, and seq rises by exactly one. */
function expectEnvelopes(frames: LiveFrame[]): void {
  for (const f of frames) {
    expect(Object.keys(f).sort()).toEqual(["at", "data", "seq", "type"]);
    expect(Number.isNaN(Date.parse(f.at as string))).toBe(false);
  }
  const seqs = frames.map((f) => f.seq as number);
  expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] as number) + i));
}

describe("live events: a batch", () => {
  it("a batch sent over REST yields batch.created, recipient.status per change, and progress to completed", async () => {
    const plan = await createPlan();
    const live = await connectLive(plan.id, plan.token);
    // Delivered, Failed (15) and Aborted (402, never dispatched) by the simulator's last-four-digit rules.
    const to = ["46700001234", "46700009500", "46700009402"];
    const batch = (await plan.rest("POST", "/batches", { from: "12345", to, body: "hi" })).body;
    await drain(plan.id);
    const [done] = await live.waitFor((f) => f.type === "batch.progress" && f.data.completed === true);
    expect(done?.data).toEqual({
      batch_id: batch.id,
      counts: { queued: 0, dispatched: 0, delivered: 1, failed: 2 },
      completed: true,
    });
    const frames = live.frames;
    expectEnvelopes(frames);
    expect(frames[0]).toMatchObject({ type: "batch.created", data: { batch_id: batch.id } });
    const statuses = frames.filter(ofType("recipient.status")).map((f) => f.data);
    const final = (r: string) => statuses.filter((s) => s.recipient === r).at(-1);
    expect(final("46700001234")).toMatchObject({ batch_id: batch.id, status: "Delivered", code: 0 });
    expect(final("46700009500")).toMatchObject({ status: "Failed", code: 15 });
    expect(final("46700009402")).toMatchObject({ status: "Aborted", code: 402 });
    // Dispatched first for the two that left, each change once: 2 + 3 in all.
    expect(
      statuses
        .filter((s) => s.status === "Dispatched")
        .map((s) => s.recipient)
        .sort(),
    ).toEqual(["46700001234", "46700009500"]);
    expect(statuses).toHaveLength(5);
    for (const s of statuses) expect(Number.isNaN(Date.parse(s.at))).toBe(false);
    // Progress never goes backwards, and only the last says completed.
    const progress = frames.filter(ofType("batch.progress")).map((f) => f.data);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.filter((p) => p.completed)).toHaveLength(1);
    expect(progress.at(-1)?.completed).toBe(true);
    live.close();
  });

  it("every connected socket gets the same events; a socket of another plan gets none", async () => {
    const plan = await createPlan();
    const other = await createPlan();
    const [a, b, stranger] = await Promise.all([
      connectLive(plan.id, plan.token),
      connectLive(plan.id, plan.token),
      connectLive(other.id, other.token),
    ]);
    await plan.rest("POST", "/batches", { from: "12345", to: ["46700001234"], body: "hi" });
    await drain(plan.id);
    await a.waitFor((f) => f.type === "batch.progress" && f.data.completed === true);
    await b.waitFor((f) => f.type === "batch.progress" && f.data.completed === true);
    expect(b.frames).toEqual(a.frames);
    expect(await stranger.quietFor(50)).toEqual([]);
    expect(stranger.frames).toEqual([]);
    for (const s of [a, b, stranger]) s.close();
  });
});

describe("live events: other clients and cancel", () => {
  it("a batch sent over tRPC is announced too, and cancelling a scheduled one ends each recipient Cancelled", async () => {
    const plan = await createPlan();
    const live = await connectLive(plan.id, plan.token);
    const batch = await plan.rpc.batches.send.mutate({
      from: "12345",
      to: ["46700001234", "46700001235"],
      body: "later",
      send_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await live.waitFor((f) => f.type === "batch.created" && f.data.batch_id === batch.id);
    expect((await plan.rest("PUT", `/batches/${batch.id}/cancel`)).status).toBe(200);
    const [done] = await live.waitFor((f) => f.type === "batch.progress" && f.data.completed === true);
    expect(done?.data.counts).toEqual({ queued: 0, dispatched: 0, delivered: 0, failed: 2 });
    const cancelled = live.frames
      .filter((f) => f.type === "recipient.status")
      .map((f) => [f.data.recipient, f.data.status]);
    expect(cancelled.sort()).toEqual([
      ["46700001234", "Cancelled"],
      ["46700001235", "Cancelled"],
    ]);
    live.close();
  });
});

describe("live events: inbounds and opt-outs", () => {
  it("a handset's STOP yields an inbound and an opt_out added; the API's removal yields removed", async () => {
    const plan = await createPlan();
    const live = await connectLive(plan.id, plan.token);
    const sent = await call("POST", `/simulator/v1/${plan.id}/inbounds`, {
      token: plan.token,
      body: { from: "+46700000042", to: "12345", body: "STOP" },
    });
    expect(sent.status).toBe(201);
    const [inbound, optOut] = await live.waitFor((f) => f.type === "inbound" || f.type === "opt_out", {
      count: 2,
    });
    expect(inbound).toMatchObject({
      type: "inbound",
      data: {
        id: sent.body.id,
        from: "46700000042",
        to: "12345",
        body: "STOP",
        received_at: sent.body.received_at,
      },
    });
    expect(optOut).toMatchObject({ type: "opt_out", data: { number: "46700000042", action: "added" } });
    // A second STOP changes nothing: an inbound, no opt_out.
    await call("POST", `/simulator/v1/${plan.id}/inbounds`, {
      token: plan.token,
      body: { from: "+46700000042", to: "12345", body: "stop" },
    });
    await live.waitFor(ofType("inbound"), { count: 2 });
    const removal = await call("DELETE", `/gateway/v1/${plan.id}/opt_outs/46700000042`, {
      token: plan.token,
    });
    expect(removal.status).toBe(200);
    const [removed] = await live.waitFor(ofType("opt_out"), { count: 2 });
    expect(live.frames.filter(ofType("opt_out")).map((f) => f.data.action)).toEqual(["added", "removed"]);
    expect(removed).toBeDefined();
    expectEnvelopes(live.frames);
    live.close();
  });
});
