// Error matrix of the list endpoints (batches, groups, inbounds, delivery_reports) and batch reports: query validation.
import { beforeAll, describe, expect, it } from "vitest";
import { expectError, planRaw, sendOk } from "../../helpers/errors";
import { createPlan, type TestPlan } from "../../helpers/gateway";

const BAD_FORMAT = "syntax_invalid_parameter_format";
const CONSTRAINT = "syntax_constraint_violation";

const LISTS = ["/batches", "/groups", "/inbounds", "/delivery_reports"] as const;

const pagingCases = [
  { query: "page_size=101", code: CONSTRAINT, field: "page_size" },
  { query: "page_size=0", code: CONSTRAINT, field: "page_size" },
  { query: "page_size=-5", code: CONSTRAINT, field: "page_size" },
  { query: "page_size=abc", code: BAD_FORMAT, field: "page_size" },
  { query: "page_size=1.5", code: BAD_FORMAT, field: "page_size" },
  { query: "page=-1", code: CONSTRAINT, field: "page" },
  { query: "page=abc", code: BAD_FORMAT, field: "page" },
  { query: "page=1e3", code: BAD_FORMAT, field: "page" },
];

describe("list endpoints: paging errors", () => {
  let plan: TestPlan;
  beforeAll(async () => {
    plan = await createPlan();
  });

  for (const list of LISTS)
    it.each(pagingCases)(`GET ${list}?$query → 400 $code`, async (c) => {
      const res = await plan.rest("GET", `${list}?${c.query}`);
      expectError(res, 400, c.code, c.field);
    });

  for (const list of LISTS)
    it(`GET ${list} at the limits (page_size=100, page=0, page_size=1) → 200`, async () => {
      for (const q of ["page_size=100", "page=0", "page_size=1&page=5"]) {
        const res = await plan.rest("GET", `${list}?${q}`);
        expect(res.status, `${q}: ${JSON.stringify(res.body)}`).toBe(200);
        expect(res.body.count).toBeTypeOf("number");
      }
    });

  it("malformed percent-encoding in a query → 400 syntax_invalid_parameter_format", async () => {
    const res = await planRaw(plan, "GET", "/batches?client_reference=%E0%A4%A");
    expectError(res, 400, BAD_FORMAT);
  });
});

describe("list endpoints: filter errors", () => {
  let plan: TestPlan;
  beforeAll(async () => {
    plan = await createPlan();
  });

  const dated = ["/batches", "/inbounds", "/delivery_reports"];
  for (const list of dated)
    for (const field of ["start_date", "end_date"])
      it(`GET ${list}?${field}=notadate → 400 ${BAD_FORMAT}`, async () => {
        const res = await plan.rest("GET", `${list}?${field}=notadate`);
        expectError(res, 400, BAD_FORMAT, field);
      });

  it("GET /batches?to=notadate (the seed's date filter) → 400", async () => {
    expectError(await plan.rest("GET", "/batches?to=notadate"), 400, BAD_FORMAT, "to");
  });

  it("GET /inbounds?to=abc (not a number) → 400", async () => {
    expectError(await plan.rest("GET", "/inbounds?to=46701234567,abc"), 400, BAD_FORMAT, "to");
  });

  const reportCases = [
    { query: "status=Sent", code: BAD_FORMAT, field: "status" },
    { query: "status=Delivered,Bogus", code: BAD_FORMAT, field: "status" },
    { query: "code=abc", code: BAD_FORMAT, field: "code" },
    { query: "code=0,-1", code: BAD_FORMAT, field: "code" },
    { query: "type=weird", code: BAD_FORMAT, field: "type" },
  ];
  it.each(reportCases)("GET /delivery_reports?$query → 400 $code", async (c) => {
    expectError(await plan.rest("GET", `/delivery_reports?${c.query}`), 400, c.code, c.field);
  });

  it("GET /delivery_reports with every valid filter and type → 200", async () => {
    for (const type of ["summary", "full", "recipient"]) {
      const res = await plan.rest(
        "GET",
        `/delivery_reports?type=${type}&status=Delivered,Queued&code=0,400&start_date=2020-01-01&end_date=2099-01-01T00:00:00Z`,
      );
      expect(res.status, `${type}: ${JSON.stringify(res.body)}`).toBe(200);
    }
  });

  describe("GET /batches/{id}/delivery_report", () => {
    let batchId: string;
    beforeAll(async () => {
      batchId = (await sendOk(plan)).id;
    });

    it.each([
      { query: "type=weird", field: "type" },
      { query: "type=recipient", field: "type" },
      { query: "status=Sent", field: "status" },
      { query: "code=abc", field: "code" },
    ])("?$query → 400", async (c) => {
      expectError(
        await plan.rest("GET", `/batches/${batchId}/delivery_report?${c.query}`),
        400,
        BAD_FORMAT,
        c.field,
      );
    });

    it("valid query → 200", async () => {
      const res = await plan.rest(
        "GET",
        `/batches/${batchId}/delivery_report?type=full&status=Queued&code=400`,
      );
      expect(res.status).toBe(200);
      expect(res.body.batch_id).toBe(batchId);
    });
  });
});
