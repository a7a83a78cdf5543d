// Inbound messages over REST: reverse chronological list, every filter, get, and plan walls.
import { describe, expect, it } from "vitest";
import { insertInboundFixture } from "../../helpers/fixtures";
import { createPlan } from "../../helpers/gateway";

describe("inbounds", () => {
  it("lists newest first and filters by to (SDK-style +, comma list), dates and client_reference", async () => {
    const plan = await createPlan();
    const t = Date.parse("2030-01-01T00:00:00Z");
    const a = await insertInboundFixture(plan.id, {
      from: "46700000001",
      to: "12345",
      body: "a",
      receivedAt: t,
    });
    const b = await insertInboundFixture(plan.id, {
      from: "46700000002",
      to: "12345",
      body: "b",
      receivedAt: t + 1000,
    });
    const c = await insertInboundFixture(plan.id, {
      from: "46700000003",
      to: "4600000001",
      body: "c",
      receivedAt: t + 2000,
      clientReference: "cr",
    });
    const ids = (r: { body: { inbounds: { id: string }[] } }) => r.body.inbounds.map((i) => i.id);
    expect(ids(await plan.rest("GET", "/inbounds"))).toEqual([c.id, b.id, a.id]);
    expect(ids(await plan.rest("GET", "/inbounds?to=12345"))).toEqual([b.id, a.id]);
    expect(ids(await plan.rest("GET", "/inbounds?to=+12345,+4600000001"))).toEqual([c.id, b.id, a.id]);
    expect(ids(await plan.rest("GET", "/inbounds?start_date=2030-01-01T00:00:01Z"))).toEqual([c.id, b.id]);
    expect(ids(await plan.rest("GET", "/inbounds?end_date=2030-01-01T00:00:01.000Z"))).toEqual([b.id, a.id]);
    expect(ids(await plan.rest("GET", "/inbounds?client_reference=cr"))).toEqual([c.id]);
    const page = await plan.rest("GET", "/inbounds?page=1&page_size=2");
    expect(page.body).toMatchObject({ count: 3, page: 1, page_size: 1 });
    expect((await plan.rest("GET", `/inbounds/${c.id}`)).body).toEqual({
      id: c.id,
      type: "mo_text",
      from: "46700000003",
      to: "4600000001",
      body: "c",
      received_at: "2030-01-01T00:00:02.000Z",
      client_reference: "cr",
    });
    const other = await createPlan();
    expect((await other.rest("GET", `/inbounds/${c.id}`)).status).toBe(404);
    expect((await other.rest("GET", "/inbounds")).body.count).toBe(0);
  });
});
