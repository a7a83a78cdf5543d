// HELP keywords and automatic replies: ordinary batches from the number written to, through the queue.
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, call, createPlan, type TestPlan } from "../../helpers/gateway";
import { drain, statusesOf } from "../../helpers/queue";
import { postWebhook, receiverSinchPlan, SECRET, signed } from "../../helpers/sinch-webhook";

const REPLIES = {
  opt_out_reply: "You are unsubscribed. Reply START to resubscribe.",
  opt_in_reply: "Welcome back!",
  help_reply: "Acme alerts. Reply STOP to stop.",
};

const fromPhone = (plan: TestPlan, from: string, body: string, to = "12345") =>
  call("POST", `/simulator/v1/${plan.id}/inbounds`, { token: plan.token, body: { from, to, body } });

/** The plan's batches, oldest first, with each recipient's status. */
async function sent(plan: TestPlan) {
  const batches = (await plan.rest("GET", "/batches?page_size=100")).body.batches.reverse();
  return Promise.all(
    batches.map(async (b: { id: string; from: string; to: string[]; body: string }) => ({
      from: b.from,
      to: b.to,
      body: b.body,
      statuses: await statusesOf(b.id),
    })),
  );
}

const delivered = (n: string) => ({ [n]: { status: "Delivered", code: 0 } });

describe("HELP and automatic replies", () => {
  it("answers HELP (any case, from the number written to) and leaves other messages alone", async () => {
    const plan = await createPlan(REPLIES);
    await fromPhone(plan, "46700000001", "help me", "4600001111");
    await fromPhone(plan, "46700000002", "Info?");
    await fromPhone(plan, "46700000003", "hello");
    await drain(plan.id);
    expect(await sent(plan)).toEqual([
      {
        from: "4600001111",
        to: ["46700000001"],
        body: REPLIES.help_reply,
        statuses: delivered("46700000001"),
      },
      { from: "12345", to: ["46700000002"], body: REPLIES.help_reply, statuses: delivered("46700000002") },
    ]);
    // Reported like any other batch: the handset got it.
    const handset = await call("GET", `/simulator/v1/${plan.id}/messages?to=46700000001`, {
      token: plan.token,
    });
    expect(handset.body.messages).toMatchObject([{ from: "4600001111", body: REPLIES.help_reply }]);
  });

  it("confirms STOP to the number that just opted out, and sends it nothing after", async () => {
    const plan = await createPlan(REPLIES);
    await fromPhone(plan, "46700000001", "STOP");
    await plan.rest("POST", "/batches", { from: "12345", to: ["46700000001"], body: "A newsletter" });
    await fromPhone(plan, "46700000001", "HELP");
    await drain(plan.id);
    const rejected = { "46700000001": { status: "Rejected", code: 408 } };
    expect(await sent(plan)).toEqual([
      { from: "12345", to: ["46700000001"], body: REPLIES.opt_out_reply, statuses: delivered("46700000001") },
      { from: "12345", to: ["46700000001"], body: "A newsletter", statuses: rejected },
      { from: "12345", to: ["46700000001"], body: REPLIES.help_reply, statuses: rejected },
    ]);
    await fromPhone(plan, "46700000001", "start");
    await drain(plan.id);
    expect((await sent(plan))[3]).toEqual({
      from: "12345",
      to: ["46700000001"],
      body: REPLIES.opt_in_reply,
      statuses: delivered("46700000001"),
    });
  });

  it("takes the plan's own HELP keywords, and sends nothing for a keyword without a reply text", async () => {
    const plan = await createPlan({ help_keywords: ["aide", "hilfe"], help_reply: "Aide: ..." });
    const settings = await call("GET", `/admin/v1/service_plans/${plan.id}`, { token: ADMIN_TOKEN });
    expect(settings.body).toMatchObject({
      help_keywords: ["AIDE", "HILFE"],
      help_reply: "Aide: ...",
      opt_out_reply: null,
      opt_in_reply: null,
    });
    await fromPhone(plan, "46700000001", "HELP");
    await fromPhone(plan, "46700000002", "Hilfe");
    await fromPhone(plan, "46700000003", "STOP");
    await drain(plan.id);
    expect((await sent(plan)).map((b) => [b.to, b.body])).toEqual([[["46700000002"], "Aide: ..."]]);
    const reset = await call("POST", `/admin/v1/service_plans/${plan.id}`, {
      token: ADMIN_TOKEN,
      body: { help_keywords: null, help_reply: null },
    });
    expect(reset.body).toMatchObject({ help_keywords: ["HELP", "INFO"], help_reply: null });
    const empty = await call("POST", `/admin/v1/service_plans/${plan.id}`, {
      token: ADMIN_TOKEN,
      body: { opt_out_reply: "" },
    });
    expect(empty.status).toBe(400);
  });

  it("replies once to a message Sinch delivers twice", async () => {
    // "Sinch" is the local receiver, so the reply's dispatch has somewhere to go.
    const { plan } = await receiverSinchPlan(REPLIES);
    const body = JSON.stringify({
      type: "mo_text",
      id: `MO-${crypto.randomUUID()}`,
      from: "46700000001",
      to: "12345",
      body: "help",
      received_at: new Date().toISOString(),
    });
    expect((await postWebhook(plan.id, body, await signed(SECRET, body))).status).toBe(200);
    expect((await postWebhook(plan.id, body, await signed(SECRET, body))).status).toBe(200);
    const replies = (await plan.rest("GET", "/batches")).body;
    expect(replies.count).toBe(1);
    expect(replies.batches[0]).toMatchObject({
      from: "12345",
      to: ["46700000001"],
      body: REPLIES.help_reply,
    });
  });
});
