// The live-events socket's door: a plan's own token in a subprotocol opens it; anything else is refused with {code,text}.
import { describe, expect, it } from "vitest";
import { createPlan, gatewayFetch } from "../../helpers/gateway";
import { connectLive, openLive, protocols } from "../../helpers/live-socket";

async function refused(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.webSocket).toBeNull();
  const body = (await response.json()) as { code: string; text: string };
  expect(Object.keys(body).sort()).toEqual(["code", "text"]);
  expect(body.code).toBe(code);
}

describe("live events: authentication", () => {
  it("opens with the plan's token as a subprotocol and answers gateway-events.v1", async () => {
    const plan = await createPlan();
    const live = await connectLive(plan.id, plan.token);
    expect(live.response.status).toBe(101);
    expect(live.response.headers.get("sec-websocket-protocol")).toBe("gateway-events.v1");
    live.close();
  });

  it("also opens with a Bearer header (non-browser clients), answering no subprotocol when none was offered", async () => {
    const plan = await createPlan();
    const response = await openLive(plan.id, { authorization: `Bearer ${plan.token}` });
    expect(response.status).toBe(101);
    expect(response.headers.get("sec-websocket-protocol")).toBeNull();
    response.webSocket?.accept();
    response.webSocket?.close(1000, "done");
  });

  it("refuses a missing token, a wrong token and another plan's token with 401", async () => {
    const plan = await createPlan();
    const other = await createPlan();
    await refused(
      await openLive(plan.id, { "sec-websocket-protocol": "gateway-events.v1" }),
      401,
      "unauthorized",
    );
    await refused(await openLive(plan.id, protocols("not-the-token-at-all")), 401, "unauthorized");
    await refused(await openLive(plan.id, protocols(other.token)), 401, "unauthorized");
    // An unknown plan looks exactly like a wrong token.
    await refused(await openLive("no-such-plan", protocols(plan.token)), 401, "unauthorized");
  });

  it("answers a plain GET with 426 and another method with 405", async () => {
    const plan = await createPlan();
    await refused(
      await openLive(plan.id, { upgrade: undefined, ...protocols(plan.token) }),
      426,
      "upgrade_required",
    );
    const post = await gatewayFetch(`http://gateway.test/gateway/v1/${plan.id}/events`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
  });
});
