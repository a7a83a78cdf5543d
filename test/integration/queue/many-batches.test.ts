// Past D1's 100-parameter limit: many small batches due at once, long lists, and changes that lose a race.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { findBatch, rewriteBatch } from "../../../src/db/batches";
import { databaseFor } from "../../../src/db/client";
import { createPlan } from "../../helpers/gateway";
import { drain, setClock, statusesOf } from "../../helpers/queue";

describe("many batches", () => {
  it("150 one-recipient batches due at the same moment are all delivered", async () => {
    const plan = await createPlan({ rate_limit: 0 });
    const sendAt = Date.now() + 3_600_000;
    const ids: string[] = [];
    for (let i = 0; i < 150; i++)
      ids.push(
        (
          await plan.rest("POST", "/batches", {
            from: "12345",
            to: [`4670${String(i).padStart(7, "0")}`],
            body: "otp",
            delivery_report: "summary",
            send_at: new Date(sendAt).toISOString(),
          })
        ).body.id,
      );
    await setClock(plan.id, sendAt);
    await drain(plan.id);
    const states = await Promise.all(ids.map(async (id) => Object.values(await statusesOf(id))[0]?.status));
    expect(states.filter((s) => s !== "Delivered")).toEqual([]);
    const reports = await plan.rest("GET", "/delivery_reports?page_size=100&status=Delivered");
    expect(reports.status).toBe(200);
    expect(reports.body).toMatchObject({ count: 150, page_size: 100 });
    const senders = Array.from({ length: 150 }, (_, i) => String(10_000 + i)).join(",");
    expect((await plan.rest("GET", `/batches?from=${senders},12345`)).body.count).toBe(150);
  });

  it("a to list with 120 group ids answers 403 unknown_group, not a 500", async () => {
    const plan = await createPlan();
    const groupIds = Array.from({ length: 120 }, (_, i) => `01M8${String(i).padStart(22, "0")}`);
    const res = await plan.rest("POST", "/batches", { from: "12345", to: groupIds, body: "x" });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("unknown_group");
  });
});

describe("nothing to send", () => {
  it("a batch to an empty group completes at once and leaves the queue", async () => {
    const plan = await createPlan();
    const group = (await plan.rest("POST", "/groups", { name: "empty" })).body.id;
    const batch = (await plan.rest("POST", "/batches", { from: "12345", to: [group], body: "x" })).body;
    await drain(plan.id);
    const row = await env.DB.prepare("SELECT completed_at FROM batches WHERE id = ?")
      .bind(batch.id)
      .first<{ completed_at: number | null }>();
    expect(row?.completed_at).not.toBeNull();
    const report = await plan.rest("GET", `/batches/${batch.id}/delivery_report`);
    expect(report.body).toMatchObject({ total_message_count: 0, statuses: [] });
  });
});

describe("changes that lose a race", () => {
  it("an update read before a cancel writes nothing and does not un-cancel the batch", async () => {
    const plan = await createPlan();
    const sent = (
      await plan.rest("POST", "/batches", {
        from: "12345",
        to: ["46700000001"],
        body: "x",
        send_at: "2099-01-01T00:00:00Z",
      })
    ).body;
    const db = databaseFor(env);
    const stale = await findBatch(db, plan.id, sent.id);
    if (!stale) throw new Error("batch missing");
    await plan.rest("DELETE", `/batches/${sent.id}`);
    const written = await rewriteBatch(
      db,
      { ...stale, body: "late change", modifiedAt: Date.now() + 5 },
      stale.modifiedAt,
      {
        removeAll: true,
        remove: { numbers: [], groupIds: [] },
        add: { numbers: ["46700000009"], groupIds: [] },
      },
    );
    expect(written).toBe(false);
    const after = (await plan.rest("GET", `/batches/${sent.id}`)).body;
    expect(after).toMatchObject({ canceled: true, body: "x" });
    expect(await statusesOf(sent.id)).toEqual({ "46700000001": { status: "Cancelled", code: 407 } });
  });
});
