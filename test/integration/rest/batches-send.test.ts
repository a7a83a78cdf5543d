import { describe, expect, it } from "vitest";
import { countRows, createPlan } from "../../helpers/gateway";

describe("POST /batches", () => {
  it("accepts a text batch and echoes every effective field", async () => {
    const plan = await createPlan();
    const res = await plan.rest("POST", "/batches", {
      to: ["+46701234567", "0046701234568", "46 70-123 4569"],
      from: "+12345678901",
      body: "Hello ${name}",
      parameters: { name: { "+46701234567": "Ann", default: "there" } },
      delivery_report: "full",
      client_reference: "ref-1",
    });
    expect(res.status).toBe(201);
    const b = res.body;
    expect(b.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(b.to).toEqual(["46701234567", "46701234568", "46701234569"]);
    expect(b.from).toBe("12345678901");
    expect(b.type).toBe("mt_text");
    expect(b.canceled).toBe(false);
    expect(b.delivery_report).toBe("full");
    expect(b.parameters).toEqual({ name: { "46701234567": "Ann", default: "there" } });
    expect(b.flash_message).toBe(false);
    expect(b.feedback_enabled).toBe(false);
    expect(b.client_reference).toBe("ref-1");
    expect(Date.parse(b.expire_at) - Date.parse(b.send_at)).toBe(3 * 86_400_000);
    expect(b.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(await countRows("recipients", plan.id)).toBe(3);

    const got = await plan.rest("GET", `/batches/${b.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(b);
  });
});
