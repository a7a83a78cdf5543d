// Delivery reports over REST: aggregation by status and code, filters, recipient lookups, and the three list types.
import { describe, expect, it } from "vitest";
import { setRecipientStatus } from "../../helpers/fixtures";
import { createPlan, type TestPlan } from "../../helpers/gateway";

async function batchWithOutcomes(plan: TestPlan, reference = "r1") {
  const to = ["46700000001", "46700000002", "46700000003", "46700000004"];
  // Scheduled far ahead so the engine leaves it alone: the states below are exactly the fixture's.
  const send = { from: "12345", to, body: "x", client_reference: reference, send_at: "2099-01-01T00:00:00Z" };
  const id = (await plan.rest("POST", "/batches", send)).body.id;
  await setRecipientStatus(id, to[0] as string, "Delivered", 0, Date.parse("2030-01-01T00:00:00Z"));
  await setRecipientStatus(id, to[1] as string, "Delivered", 0, Date.parse("2030-01-01T00:00:01Z"));
  await setRecipientStatus(id, to[2] as string, "Failed", 15, Date.parse("2030-01-01T00:00:02Z"));
  return id as string;
}

describe("batch report", () => {
  it("summarises by status and code, lists recipients for full, filters by status and code", async () => {
    const plan = await createPlan();
    const id = await batchWithOutcomes(plan);
    const summary = await plan.rest("GET", `/batches/${id}/delivery_report`);
    expect(summary.body).toEqual({
      type: "delivery_report_sms",
      batch_id: id,
      client_reference: "r1",
      total_message_count: 4,
      statuses: [
        { code: 0, status: "Delivered", count: 2 },
        { code: 15, status: "Failed", count: 1 },
        { code: 400, status: "Queued", count: 1 },
      ],
    });
    const full = await plan.rest(
      "GET",
      `/batches/${id}/delivery_report?type=full&status=Delivered,Failed&code=0`,
    );
    expect(full.body.total_message_count).toBe(4);
    expect(full.body.statuses).toEqual([
      { code: 0, status: "Delivered", count: 2, recipients: ["46700000001", "46700000002"] },
    ]);
  });

  it("returns a recipient report for +, 00 and bare numbers", async () => {
    const plan = await createPlan();
    const id = await batchWithOutcomes(plan);
    for (const form of ["+46700000003", "%2B46700000003", "0046700000003", "46700000003"]) {
      const res = await plan.rest("GET", `/batches/${id}/delivery_report/${form}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        type: "recipient_delivery_report_sms",
        batch_id: id,
        recipient: "46700000003",
        code: 15,
        status: "Failed",
        at: "2030-01-01T00:00:02.000Z",
        client_reference: "r1",
      });
    }
  });
});

describe("list", () => {
  it("summary (default) and full are batch reports; recipient lists recipient reports; filters apply to all", async () => {
    const plan = await createPlan();
    const first = await batchWithOutcomes(plan, "r1");
    const second = await batchWithOutcomes(plan, "r2");
    const summary = await plan.rest("GET", "/delivery_reports");
    expect(summary.body.count).toBe(2);
    expect(summary.body.delivery_reports.map((r: { batch_id: string }) => r.batch_id)).toEqual([
      second,
      first,
    ]);
    expect(summary.body.delivery_reports[0].statuses).toHaveLength(3);
    const full = await plan.rest("GET", "/delivery_reports?type=full&client_reference=r1&status=Failed");
    expect(full.body.delivery_reports).toEqual([
      {
        type: "delivery_report_sms",
        batch_id: first,
        client_reference: "r1",
        total_message_count: 4,
        statuses: [{ code: 15, status: "Failed", count: 1, recipients: ["46700000003"] }],
      },
    ]);
    const recipients = await plan.rest(
      "GET",
      "/delivery_reports?type=recipient&status=Delivered&page_size=3",
    );
    expect(recipients.body).toMatchObject({ count: 4, page: 0, page_size: 3 });
    expect(recipients.body.delivery_reports[0]).toMatchObject({
      type: "recipient_delivery_report_sms",
      status: "Delivered",
    });
    const dated = await plan.rest(
      "GET",
      "/delivery_reports?type=recipient&start_date=2030-01-01T00:00:01Z&end_date=2030-01-01T00:00:01.500Z&code=0",
    );
    expect(dated.body.count).toBe(2);
    const none = await plan.rest("GET", "/delivery_reports?status=Expired");
    expect(none.body).toEqual({ count: 0, page: 0, page_size: 0, delivery_reports: [] });
  });
});
