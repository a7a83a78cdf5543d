// Batch behaviour over REST: effective fields, group expansion, scheduling defaults, binary, list filters, changes.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, countRows, createPlan } from "../../helpers/gateway";

const DAY = 86_400_000;

async function recipientsOf(batchId: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT recipient FROM recipients WHERE batch_id = ? ORDER BY recipient",
  )
    .bind(batchId)
    .all<{ recipient: string }>();
  return results.map((r) => r.recipient);
}

describe("send", () => {
  it("expands groups and child groups into recipients, keeping group ids in `to`", async () => {
    const plan = await createPlan();
    const child = (await plan.rest("POST", "/groups", { members: ["46700000003", "46700000004"] })).body.id;
    const parent = (
      await plan.rest("POST", "/groups", { members: ["46700000002", "46700000003"], child_groups: [child] })
    ).body.id;
    const res = await plan.rest("POST", "/batches", {
      from: "12345",
      to: ["46700000001", parent],
      body: "x",
    });
    expect(res.status).toBe(201);
    expect(res.body.to).toEqual(["46700000001", parent]);
    expect(await recipientsOf(res.body.id)).toEqual([
      "46700000001",
      "46700000002",
      "46700000003",
      "46700000004",
    ]);
  });

  it("takes the plan's default originator when `from` is omitted", async () => {
    const plan = await createPlan({ default_originator: "MyBrand" });
    const res = await plan.rest("POST", "/batches", { to: ["46700000001"], body: "x" });
    expect(res.status).toBe(201);
    expect(res.body.from).toBe("MyBrand");
  });

  it("defaults send_at to now and caps expire_at at send_at + 3 days", async () => {
    const plan = await createPlan();
    const before = Date.now();
    const now = await plan.rest("POST", "/batches", { from: "12345", to: ["46700000001"], body: "x" });
    expect(Date.parse(now.body.send_at)).toBeGreaterThanOrEqual(before - 1);
    const capped = await plan.rest("POST", "/batches", {
      from: "12345",
      to: ["46700000001"],
      body: "x",
      send_at: "2099-01-01T10:00:00",
      expire_at: "2099-02-01T00:00:00Z",
    });
    expect(capped.body.send_at).toBe("2099-01-01T10:00:00.000Z");
    expect(capped.body.expire_at).toBe("2099-01-04T10:00:00.000Z");
    const offset = await plan.rest("POST", "/batches", {
      from: "12345",
      to: ["46700000001"],
      body: "x",
      send_at: "2099-01-01T12:00:00+02:00",
      expire_at: "2099-01-02T00:00:00Z",
    });
    expect(offset.body.send_at).toBe("2099-01-01T10:00:00.000Z");
    expect(Date.parse(offset.body.expire_at) - Date.parse(offset.body.send_at)).toBe(DAY - 10 * 3_600_000);
  });

  it("accepts a binary batch and echoes udh", async () => {
    const plan = await createPlan();
    const res = await plan.rest("POST", "/batches", {
      type: "mt_binary",
      from: "12345",
      to: ["46700000001"],
      body: btoa("\u0001\u0002hello"),
      udh: "050003cc0201",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: "mt_binary",
      udh: "050003cc0201",
      body: btoa("\u0001\u0002hello"),
    });
    expect(res.body.flash_message).toBeUndefined();
  });

  it("dedupes recipients given in different formats", async () => {
    const plan = await createPlan();
    const res = await plan.rest("POST", "/batches", {
      from: "12345",
      to: ["+46700000001", "0046700000001", "46700000001"],
      body: "x",
    });
    expect(res.body.to).toEqual(["46700000001"]);
    expect(await countRows("recipients", plan.id)).toBe(1);
  });

  it("writes 1000 recipients in one send", async () => {
    const plan = await createPlan();
    const to = Array.from({ length: 1000 }, (_, i) => `4670${String(i).padStart(7, "0")}`);
    const res = await plan.rest("POST", "/batches", { from: "12345", to, body: "x" });
    expect(res.status).toBe(201);
    expect(await countRows("recipients", plan.id)).toBe(1000);
    const report = await plan.rest("GET", `/batches/${res.body.id}/delivery_report`);
    expect(report.body.statuses).toEqual([{ code: 400, status: "Queued", count: 1000 }]);
  });
});

describe("list", () => {
  it("filters by seed date-times, Sinch sender and dates, client_reference; newest first; pages", async () => {
    const plan = await createPlan();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await plan.rest("POST", "/batches", {
            from: i % 2 ? "+1111" : "2222",
            to: ["46700000001"],
            body: "x",
            client_reference: `ref${i % 2}`,
          })
        ).body.id,
      );
    const all = await plan.rest("GET", "/batches");
    expect(all.body.batches.map((b: { id: string }) => b.id)).toEqual([...ids].reverse());
    expect((await plan.rest("GET", "/batches?from=+1111")).body.count).toBe(2);
    expect((await plan.rest("GET", "/batches?from=1111,2222")).body.count).toBe(5);
    expect((await plan.rest("GET", "/batches?client_reference=ref0")).body.count).toBe(3);
    expect((await plan.rest("GET", "/batches?from=2000-01-01T00:00:00Z")).body.count).toBe(5);
    expect((await plan.rest("GET", "/batches?to=2000-01-01")).body.count).toBe(0);
    expect((await plan.rest("GET", "/batches?start_date=2099-01-01T00:00:00.000Z")).body.count).toBe(0);
    const page = await plan.rest("GET", "/batches?page=2&page_size=2");
    expect(page.body).toMatchObject({ count: 5, page: 2, page_size: 1 });
    expect(page.body.batches[0].id).toBe(ids[0]);
    const beyond = await plan.rest("GET", "/batches?page=9");
    expect(beyond.body).toEqual({ count: 5, page: 9, page_size: 0, batches: [] });
  });

  it("never shows another plan's batches", async () => {
    const a = await createPlan();
    const b = await createPlan();
    const sent = await a.rest("POST", "/batches", { from: "12345", to: ["46700000001"], body: "x" });
    expect((await b.rest("GET", "/batches")).body.count).toBe(0);
    expect((await b.rest("GET", `/batches/${sent.body.id}`)).status).toBe(404);
    expect((await call("GET", `/xms/v1/${a.id}/batches`, { token: b.token })).status).toBe(401);
  });
});

describe("update, replace, cancel", () => {
  it("update changes fields and recipients, keeps the rest", async () => {
    const plan = await createPlan();
    const group = (await plan.rest("POST", "/groups", { members: ["46700000007", "46700000008"] })).body.id;
    const sent = (
      await plan.rest("POST", "/batches", {
        from: "12345",
        to: ["46700000001", "46700000002"],
        body: "x",
        client_reference: "keep",
        send_at: "2099-01-01T00:00:00Z",
      })
    ).body;
    const res = await plan.rest("POST", `/batches/${sent.id}`, {
      to_add: [group],
      to_remove: ["+46700000001"],
      send_at: "2099-01-02T00:00:00Z",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: sent.id,
      to: ["46700000002", group],
      client_reference: "keep",
      send_at: "2099-01-02T00:00:00.000Z",
      expire_at: "2099-01-05T00:00:00.000Z",
      created_at: sent.created_at,
    });
    expect(await recipientsOf(sent.id)).toEqual(["46700000002", "46700000007", "46700000008"]);
  });

  it("replace keeps id and created_at, resets omitted fields and rewrites recipients", async () => {
    const plan = await createPlan();
    const sent = (
      await plan.rest("POST", "/batches", {
        from: "12345",
        to: ["46700000001"],
        body: "x",
        delivery_report: "full",
        feedback_enabled: true,
      })
    ).body;
    const res = await plan.rest("PUT", `/batches/${sent.id}`, {
      from: "54321",
      to: ["46700000009"],
      body: "y",
    });
    expect(res.body).toMatchObject({
      id: sent.id,
      created_at: sent.created_at,
      delivery_report: "none",
      feedback_enabled: false,
      body: "y",
    });
    expect(await recipientsOf(sent.id)).toEqual(["46700000009"]);
  });

  it("cancel marks queued recipients Cancelled (407) and blocks later changes", async () => {
    const plan = await createPlan();
    const sent = (
      await plan.rest("POST", "/batches", { from: "12345", to: ["46700000001", "46700000002"], body: "x" })
    ).body;
    const res = await plan.rest("DELETE", `/batches/${sent.id}`);
    expect(res.body.canceled).toBe(true);
    const report = await plan.rest("GET", `/batches/${sent.id}/delivery_report`);
    expect(report.body.statuses).toEqual([{ code: 407, status: "Cancelled", count: 2 }]);
    const update = await plan.rest("POST", `/batches/${sent.id}`, { body: "changed" });
    expect(update.status).toBe(409);
    expect(update.body.code).toBe("conflict_send_at");
    expect((await plan.rest("GET", `/batches/${sent.id}`)).body.body).toBe("x");
  });
});

describe("dry run", () => {
  it("counts parts per rendered recipient, reports encodings and caps per_recipient", async () => {
    const plan = await createPlan();
    const body = {
      from: "12345",
      to: ["46700000001", "46700000002", "46700000003"],
      body: "${greeting} ${name}",
      parameters: {
        greeting: { default: "Hi" },
        name: { "46700000001": "A".repeat(160), "46700000002": "Zoë", "+46700000003": "Привет" },
      },
    };
    const res = await plan.rest("POST", "/batches/dry_run?per_recipient=true&number_of_recipients=2", body);
    expect(res.status).toBe(200);
    expect(res.body.number_of_recipients).toBe(3);
    expect(res.body.number_of_messages).toBe(2 + 1 + 1);
    expect(res.body.per_recipient).toEqual([
      { recipient: "46700000001", number_of_parts: 2, body: `Hi ${"A".repeat(160)}`, encoding: "text" },
      { recipient: "46700000002", number_of_parts: 1, body: "Hi Zoë", encoding: "unicode" },
    ]);
    expect(await countRows("batches", plan.id)).toBe(0);
    const summary = await plan.rest("POST", "/batches/dry_run", body);
    expect(summary.body).toEqual({ number_of_recipients: 3, number_of_messages: 4 });
  });

  it("transliterates only with the plan's auto_encoding and only when it saves parts", async () => {
    const quoted = `“${"a".repeat(66)}”`;
    const body = { from: "12345", to: ["46700000001"], body: quoted };
    const off = await createPlan();
    const on = await createPlan({ auto_encoding: true });
    const a = await off.rest("POST", "/batches/dry_run?per_recipient=true", body);
    expect(a.body.per_recipient[0]).toMatchObject({ number_of_parts: 1, encoding: "unicode", body: quoted });
    const long = { ...body, body: `“${"a".repeat(100)}”` };
    const b = await on.rest("POST", "/batches/dry_run?per_recipient=true", long);
    expect(b.body.per_recipient[0]).toMatchObject({
      number_of_parts: 1,
      encoding: "text",
      body: `"${"a".repeat(100)}"`,
    });
    const c = await off.rest("POST", "/batches/dry_run?per_recipient=true", long);
    expect(c.body.per_recipient[0]).toMatchObject({ number_of_parts: 2, encoding: "unicode" });
  });
});
