// The inbound pipeline through simulated handsets: storage, keyword groups, STOP/START, signed MO callbacks.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { verifySignature } from "../../../src/domain/signature";
import { call, createPlan, type TestPlan } from "../../helpers/gateway";
import { drain, runUntil, setClock, statusesOf } from "../../helpers/queue";
import { inboxCalls } from "../../helpers/receiver";

const fromPhone = (plan: TestPlan, from: string, to: string, body: string) =>
  call("POST", `/simulator/v1/${plan.id}/inbounds`, { token: plan.token, body: { from, to, body } });

describe("inbound messages", () => {
  it("a simulated handset's message is stored and listed, over REST and tRPC", async () => {
    const plan = await createPlan();
    const res = await fromPhone(plan, "+46700000001", "12345", "Hello there");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: "mo_text",
      from: "46700000001",
      to: "12345",
      body: "Hello there",
    });
    const viaRpc = await plan.rpc.simulator.sendInbound.mutate({
      from: "46700000002",
      to: "4600000009",
      body: "Hi",
    });
    expect(viaRpc.to).toBe("4600000009");
    const list = await plan.rest("GET", "/inbounds?to=12345");
    expect(list.body.inbounds).toEqual([res.body]);
    expect((await plan.rest("GET", `/inbounds/${viaRpc.id}`)).body).toEqual(viaRpc);
  });

  it("keywords join and leave the group bound to the number (first and second word, any case)", async () => {
    const plan = await createPlan();
    const group = (
      await plan.rest("POST", "/groups", {
        name: "Club",
        auto_update: {
          to: "12345",
          add: { first_word: "JOIN" },
          remove: { first_word: "LEAVE", second_word: "CLUB" },
        },
      })
    ).body.id;
    await fromPhone(plan, "46700000001", "12345", "join please");
    await fromPhone(plan, "46700000002", "12345", "Join!");
    await fromPhone(plan, "46700000003", "99999", "JOIN");
    expect((await plan.rest("GET", `/groups/${group}/members`)).body).toEqual(["46700000001", "46700000002"]);
    await fromPhone(plan, "46700000001", "12345", "leave");
    expect((await plan.rest("GET", `/groups/${group}/members`)).body).toEqual(["46700000001", "46700000002"]);
    await fromPhone(plan, "46700000001", "12345", "leave club");
    expect((await plan.rest("GET", `/groups/${group}/members`)).body).toEqual(["46700000002"]);
  });

  it("STOP blocks later sends to that number only (Rejected, 408); START undoes it", async () => {
    const plan = await createPlan();
    await fromPhone(plan, "46700000001", "12345", "stop");
    const optOuts = await call("GET", `/gateway/v1/${plan.id}/opt_outs`, { token: plan.token });
    expect(optOuts.body).toMatchObject({ count: 1, opt_outs: [{ msisdn: "46700000001", source: "STOP" }] });
    const blocked = (
      await plan.rest("POST", "/batches", { from: "12345", to: ["46700000001", "46700000002"], body: "x" })
    ).body;
    await drain(plan.id);
    expect(await statusesOf(blocked.id)).toEqual({
      "46700000001": { status: "Rejected", code: 408 },
      "46700000002": { status: "Delivered", code: 0 },
    });
    await fromPhone(plan, "46700000001", "12345", "START");
    const again = (await plan.rest("POST", "/batches", { from: "12345", to: ["46700000001"], body: "x" }))
      .body;
    await drain(plan.id);
    expect(await statusesOf(again.id)).toEqual({ "46700000001": { status: "Delivered", code: 0 } });
  });

  it("opt-outs can be listed, added and removed over REST and tRPC", async () => {
    const plan = await createPlan();
    const added = await call("POST", `/gateway/v1/${plan.id}/opt_outs`, {
      token: plan.token,
      body: { msisdn: "+46700000005" },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ msisdn: "46700000005", source: "api" });
    await plan.rpc.optOuts.add.mutate({ msisdn: "46700000006" });
    expect((await plan.rpc.optOuts.list.query()).count).toBe(2);
    expect(
      (await call("DELETE", `/gateway/v1/${plan.id}/opt_outs/+46700000005`, { token: plan.token })).status,
    ).toBe(200);
    await plan.rpc.optOuts.remove.mutate({ msisdn: "46700000006" });
    expect((await plan.rpc.optOuts.list.query()).count).toBe(0);
    expect(
      (await call("DELETE", `/gateway/v1/${plan.id}/opt_outs/46700000005`, { token: plan.token })).status,
    ).toBe(404);
  });

  it("with opt-outs off, STOP is just a message", async () => {
    const plan = await createPlan({ opt_out_enabled: false });
    await fromPhone(plan, "46700000001", "12345", "STOP");
    expect((await plan.rpc.optOuts.list.query()).count).toBe(0);
  });

  it("calls the plan's callback_url with the signed MO payload, retrying a 503", async () => {
    const name = `mo-${crypto.randomUUID()}`;
    const plan = await createPlan({ callback_url: `${env.TEST_RECEIVER_URL}/${name}?fail=503&times=1` });
    const t0 = Date.now() + 1_000;
    await setClock(plan.id, t0);
    const mo = (await fromPhone(plan, "46700000001", "12345", "Hi")).body;
    await runUntil(plan.id, async () => (await inboxCalls(name)).length >= 1);
    await setClock(plan.id, t0 + 5_000);
    await runUntil(plan.id, async () => (await inboxCalls(name)).length >= 2);
    const received = await inboxCalls(name);
    expect(received.map((c) => c.status)).toEqual([503, 200]);
    expect(JSON.parse(received[1]?.body ?? "")).toEqual(mo);
    const headers = new Headers(received[1]?.headers);
    expect(await verifySignature(plan.webhookSecret, received[1]?.body ?? "", headers)).toBe(true);
  });
});
