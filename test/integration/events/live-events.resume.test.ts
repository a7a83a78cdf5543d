// Catching up after a dropped socket: resume replays exactly what was missed; too old a seq gets a reset.
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { LiveEventInput } from "../../../src/domain/schemas/live-events";
import { LiveEvents, RING_SIZE } from "../../../src/queue/live-events";
import type { SendQueue } from "../../../src/queue/send-queue";
import { createPlan } from "../../helpers/gateway";
import { connectLive } from "../../helpers/live-socket";
import { drain, queueOf } from "../../helpers/queue";

const optOuts = (n: number): LiveEventInput[] =>
  Array.from({ length: n }, (_, i) => ({
    type: "opt_out",
    data: { number: `4670000${i}`, action: "added" },
  }));

describe("live events: resume", () => {
  it("after a seq replays exactly the events missed while disconnected, in order, then goes on live", async () => {
    const plan = await createPlan();
    const first = await connectLive(plan.id, plan.token);
    await plan.rest("POST", "/batches", { from: "12345", to: ["46700001234"], body: "one" });
    await drain(plan.id);
    await first.waitFor((f) => f.type === "batch.progress" && f.data.completed === true);
    const lastSeen = first.frames.at(-1)?.seq as number;
    first.close();
    // While nobody listens: batch.created and each recipient.status are kept; progress is not computed.
    const missed = (await plan.rest("POST", "/batches", { from: "12345", to: ["46700001234"], body: "two" }))
      .body;
    await drain(plan.id);
    const second = await connectLive(plan.id, plan.token);
    second.send({ type: "resume", after: lastSeen });
    const replayed = await second.waitFor(() => true, { count: 3 });
    expect(replayed.map((f) => [f.seq, f.type, f.data.status])).toEqual([
      [lastSeen + 1, "batch.created", undefined],
      [lastSeen + 2, "recipient.status", "Dispatched"],
      [lastSeen + 3, "recipient.status", "Delivered"],
    ]);
    expect(replayed.every((f) => f.data.batch_id === missed.id)).toBe(true);
    expect(await second.quietFor(50)).toEqual([]);
    // Then live again, numbered on from there.
    await plan.rest("POST", "/batches", { from: "12345", to: ["46700001234"], body: "three" });
    const [created] = await second.waitFor((f) => f.type === "batch.created", { from: 3 });
    expect(created?.seq).toBe(lastSeen + 4);
    second.close();
  });

  it("a seq older than the ring, or one never given, gets a reset with the current seq", async () => {
    const plan = await createPlan();
    const live = await connectLive(plan.id, plan.token);
    // The ring overflows: the first events are gone.
    await runInDurableObject(queueOf(plan.id), async (q: SendQueue) => {
      await q.publish(plan.id, optOuts(RING_SIZE + 10));
    });
    const current = RING_SIZE + 10;
    await live.waitFor((f) => f.seq === current);
    const seen = live.frames.length;
    live.send({ type: "resume", after: 0 });
    expect(await live.waitFor(() => true, { from: seen })).toEqual([{ type: "reset", seq: current }]);
    // The oldest retained event is seq 11: after 10 is still complete.
    live.send({ type: "resume", after: 10 });
    const all = await live.waitFor((f) => f.type === "opt_out", { count: RING_SIZE, from: seen });
    expect(all[0]?.seq).toBe(11);
    expect(all.at(-1)?.seq).toBe(current);
    live.send({ type: "resume", after: 9 });
    live.send({ type: "resume", after: current + 5 });
    const resets = await live.waitFor((f) => f.type === "reset", { count: 3, from: seen });
    expect(resets.map((r) => r.seq)).toEqual([current, current, current]);
    live.close();
  });

  it("answers ping with pong, a malformed message with an error frame, and keeps seq across a restart", async () => {
    const plan = await createPlan();
    const live = await connectLive(plan.id, plan.token);
    live.send({ type: "ping" });
    live.send('{ "type": "ping" }');
    live.send("resume please");
    live.send({ type: "resume", after: -1 });
    const answers = await live.waitFor(() => true, { count: 4 });
    expect(answers.slice(0, 2)).toEqual([{ type: "pong" }, { type: "pong" }]);
    expect(answers.slice(2).map((a) => a.code)).toEqual(["syntax_invalid_json", "syntax_invalid_json"]);
    // The exact ping was answered by the runtime's auto-response (it would not have woken a hibernating object).
    await runInDurableObject(queueOf(plan.id), async (_q: SendQueue, state) => {
      const [ws] = state.getWebSockets();
      expect(ws && state.getWebSocketAutoResponseTimestamp(ws)).toBeInstanceOf(Date);
    });
    live.close();
    // Just left: what happens now is kept for its resume.
    await runInDurableObject(queueOf(plan.id), async (q: SendQueue) => {
      await q.publish(plan.id, optOuts(3));
    });
    // A fresh instance (as after eviction) numbers on from storage; with nobody seen since its start it
    // keeps one gap row instead of the events.
    await runInDurableObject(queueOf(plan.id), async (_q: SendQueue, state) => {
      const fresh = new LiveEvents(state);
      fresh.publish(optOuts(5));
      const rows = state.storage.sql
        .exec<{ seq: number; frame: string }>("SELECT seq, frame FROM live_events")
        .toArray();
      expect(rows.map((r) => [r.seq, r.frame === ""])).toEqual([
        [1, false],
        [2, false],
        [3, false],
        [4, true],
      ]);
    });
  });

  it("nobody listening for 10 minutes: events cost no storage but one gap row, and a resume gets a reset", async () => {
    const plan = await createPlan();
    await plan.rest("POST", "/batches", { from: "12345", to: ["46700001234", "46700001235"], body: "x" });
    await drain(plan.id);
    await runInDurableObject(queueOf(plan.id), async (_q: SendQueue, state) => {
      const rows = state.storage.sql
        .exec<{ seq: number; frame: string }>("SELECT seq, frame FROM live_events")
        .toArray();
      expect(rows).toEqual([{ seq: 1, frame: "" }]);
    });
    const live = await connectLive(plan.id, plan.token);
    live.send({ type: "resume", after: 0 });
    expect(await live.waitFor(() => true)).toEqual([{ type: "reset", seq: 1 }]);
    // From the moment a socket is there, events are kept and numbered on.
    await plan.rest("POST", "/batches", { from: "12345", to: ["46700001234"], body: "y" });
    const [created] = await live.waitFor((f) => f.type === "batch.created");
    expect(created?.seq).toBe(2);
    live.close();
  });
});
