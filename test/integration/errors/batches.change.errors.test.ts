// Error matrix of changing batches: update, replace, cancel, dry run (both forms) and delivery feedback.
import { beforeAll, describe, expect, it } from "vitest";
import {
  expectError,
  expectNothingWritten,
  groupOk,
  numbers,
  planRaw,
  sendOk,
  unknownId,
  VALID_SEND,
} from "../../helpers/errors";
import { createPlan, type TestPlan } from "../../helpers/gateway";

const BAD_FORMAT = "syntax_invalid_parameter_format";
const CONSTRAINT = "syntax_constraint_violation";

/** Asserts the batch reads back exactly as before and the plan wrote nothing. */
async function expectUnchanged(plan: TestPlan, batchId: string, act: () => Promise<unknown>) {
  const before = await plan.rest("GET", `/batches/${batchId}`);
  const members = await plan.rest("GET", `/batches/${batchId}/delivery_report?type=full`);
  await expectNothingWritten(plan.id, act);
  expect((await plan.rest("GET", `/batches/${batchId}`)).body).toEqual(before.body);
  expect((await plan.rest("GET", `/batches/${batchId}/delivery_report?type=full`)).body).toEqual(
    members.body,
  );
}

describe("POST /batches/{id} (update) errors", () => {
  let plan: TestPlan;
  let batch: any;
  let binary: any;
  beforeAll(async () => {
    plan = await createPlan();
    batch = await sendOk(plan, { to: ["46701234567", "46701234568"], send_at: "2099-01-01T00:00:00Z" });
    binary = await sendOk(plan, {
      type: "mt_binary",
      body: btoa("abc"),
      udh: "050003010101",
      send_at: "2099-01-01T00:00:00Z",
    });
  });

  it("unknown id → 404 not_found", async () => {
    const id = unknownId();
    const res = await expectNothingWritten(plan.id, () => plan.rest("POST", `/batches/${id}`, { body: "x" }));
    expectError(res, 404, "not_found", id);
  });

  const cases = [
    {
      name: "to_add with 101 items",
      body: { to_add: numbers(101) },
      status: 400,
      code: CONSTRAINT,
      field: "to_add",
    },
    {
      name: "to_remove with 101 items",
      body: { to_remove: numbers(101) },
      status: 400,
      code: CONSTRAINT,
      field: "to_remove",
    },
    { name: "to_add with 'abc'", body: { to_add: ["abc"] }, status: 400, code: BAD_FORMAT, field: "to_add" },
    {
      name: "to_add not an array",
      body: { to_add: "46701234569" },
      status: 400,
      code: BAD_FORMAT,
      field: "to_add",
    },
    {
      name: "removing every recipient",
      body: { to_remove: ["46701234567", "+46701234568"] },
      status: 400,
      code: CONSTRAINT,
      field: "to_remove",
    },
    {
      name: "type change to mt_binary",
      body: { type: "mt_binary" },
      status: 400,
      code: CONSTRAINT,
      field: "type",
    },
    { name: "type foo", body: { type: "foo" }, status: 400, code: BAD_FORMAT, field: "type" },
    {
      name: "udh on a text batch",
      body: { udh: "050003010101" },
      status: 400,
      code: CONSTRAINT,
      field: "udh",
    },
    { name: "body a number", body: { body: 5 }, status: 400, code: BAD_FORMAT, field: "body" },
    {
      name: "send_at not a date",
      body: { send_at: "soon" },
      status: 400,
      code: BAD_FORMAT,
      field: "send_at",
    },
    {
      name: "expire_at before send_at",
      body: { send_at: "2099-01-02T00:00:00Z", expire_at: "2099-01-01T00:00:00Z" },
      status: 400,
      code: CONSTRAINT,
      field: "expire_at",
    },
    {
      name: "delivery_report sometimes",
      body: { delivery_report: "sometimes" },
      status: 400,
      code: BAD_FORMAT,
      field: "delivery_report",
    },
    { name: "from_ton 7", body: { from_ton: 7 }, status: 400, code: CONSTRAINT, field: "from_ton" },
    {
      name: "callback_url not a url",
      body: { callback_url: "nope" },
      status: 400,
      code: BAD_FORMAT,
      field: "callback_url",
    },
    {
      name: "parameters with a bad key",
      body: { parameters: { "bad key": { default: "x" } } },
      status: 400,
      code: BAD_FORMAT,
      field: "parameters",
    },
    { name: "body is an array", body: [], status: 400, code: BAD_FORMAT },
  ];
  it.each(cases)("$name → $status $code, batch unchanged", async (c) => {
    let res: any;
    await expectUnchanged(plan, batch.id, async () => {
      res = await plan.rest("POST", `/batches/${batch.id}`, c.body);
    });
    expectError(res, c.status, c.code, c.field);
  });

  it("body over 2000 chars → 400, batch unchanged", async () => {
    let res: any;
    await expectUnchanged(plan, batch.id, async () => {
      res = await plan.rest("POST", `/batches/${batch.id}`, { body: "a".repeat(2001) });
    });
    expectError(res, 400, CONSTRAINT, "body");
  });

  it("to_add beyond 1000 recipients in total → 400, batch unchanged", async () => {
    const full = await sendOk(plan, { to: numbers(950, "4672"), send_at: "2099-01-01T00:00:00Z" });
    let res: any;
    await expectUnchanged(plan, full.id, async () => {
      res = await plan.rest("POST", `/batches/${full.id}`, { to_add: numbers(51, "4673") });
    });
    expectError(res, 400, CONSTRAINT, "to_add");
  });

  it("to_add naming an unknown group → 403 unknown_group, batch unchanged", async () => {
    const id = unknownId();
    let res: any;
    await expectUnchanged(plan, batch.id, async () => {
      res = await plan.rest("POST", `/batches/${batch.id}`, { to_add: ["46701234569", id], body: "changed" });
    });
    expectError(res, 403, "unknown_group", id);
  });

  it("to_add naming another plan's group → 403 unknown_group, batch unchanged", async () => {
    const other = await createPlan();
    const foreign = await groupOk(other, { members: ["46709999999"] });
    let res: any;
    await expectUnchanged(plan, batch.id, async () => {
      res = await plan.rest("POST", `/batches/${batch.id}`, { to_add: [foreign.id] });
    });
    expectError(res, 403, "unknown_group", foreign.id);
  });

  it.each([
    { name: "parameters", body: { parameters: { a: { default: "x" } } } },
    { name: "flash_message", body: { flash_message: true } },
    { name: "max_number_of_message_parts", body: { max_number_of_message_parts: 2 } },
    { name: "truncate_concat", body: { truncate_concat: true } },
  ])("$name on an mt_binary batch → 400, batch unchanged", async (c) => {
    let res: any;
    await expectUnchanged(plan, binary.id, async () => {
      res = await plan.rest("POST", `/batches/${binary.id}`, c.body);
    });
    expectError(res, 400, CONSTRAINT, c.name);
  });

  it("non-Base64 body on an mt_binary batch → 400, batch unchanged", async () => {
    let res: any;
    await expectUnchanged(plan, binary.id, async () => {
      res = await plan.rest("POST", `/batches/${binary.id}`, { body: "not base64!" });
    });
    expectError(res, 400, BAD_FORMAT, "body");
  });

  it("body+udh over 140 bytes on an mt_binary batch → 400, batch unchanged", async () => {
    let res: any;
    await expectUnchanged(plan, binary.id, async () => {
      res = await plan.rest("POST", `/batches/${binary.id}`, { body: btoa("x".repeat(135)) });
    });
    expectError(res, 400, CONSTRAINT);
  });

  it("after cancel → 409 conflict_send_at, batch unchanged", async () => {
    const b = await sendOk(plan, { send_at: "2099-01-01T00:00:00Z" });
    expect((await plan.rest("DELETE", `/batches/${b.id}`)).status).toBe(200);
    let res: any;
    await expectUnchanged(plan, b.id, async () => {
      res = await plan.rest("POST", `/batches/${b.id}`, { body: "changed", to_add: ["46701239999"] });
    });
    expectError(res, 409, "conflict_send_at", b.id);
  });

  it("a valid update still works after all the failures", async () => {
    const res = await plan.rest("POST", `/batches/${batch.id}`, { to_add: ["46701234569"], body: "changed" });
    expect(res.status).toBe(200);
    expect(res.body.to).toEqual(["46701234567", "46701234568", "46701234569"]);
  });
});

describe("PUT /batches/{id} (replace) and cancel errors", () => {
  let plan: TestPlan;
  beforeAll(async () => {
    plan = await createPlan();
  });

  it("replace after cancel → 409 conflict_send_at, batch unchanged", async () => {
    const b = await sendOk(plan, { send_at: "2099-01-01T00:00:00Z" });
    await plan.rest("PUT", `/batches/${b.id}/cancel`);
    let res: any;
    await expectUnchanged(plan, b.id, async () => {
      res = await plan.rest("PUT", `/batches/${b.id}`, { ...VALID_SEND, body: "replaced" });
    });
    expectError(res, 409, "conflict_send_at", b.id);
  });

  it("replace of an unknown batch → 404", async () => {
    const id = unknownId();
    const res = await expectNothingWritten(plan.id, () => plan.rest("PUT", `/batches/${id}`, VALID_SEND));
    expectError(res, 404, "not_found", id);
  });

  it("replace with an invalid send body → 400, batch unchanged", async () => {
    const b = await sendOk(plan, { send_at: "2099-01-01T00:00:00Z" });
    for (const [body, code, field] of [
      [{ ...VALID_SEND, to: [] }, CONSTRAINT, "to"],
      [{ ...VALID_SEND, body: undefined }, CONSTRAINT, "body"],
      [{ ...VALID_SEND, to: [unknownId()] }, "unknown_group", undefined],
    ] as const) {
      let res: any;
      await expectUnchanged(plan, b.id, async () => {
        res = await plan.rest("PUT", `/batches/${b.id}`, body);
      });
      expectError(res, code === "unknown_group" ? 403 : 400, code, field);
    }
  });

  it("cancel of an unknown batch → 404, both forms", async () => {
    const id = unknownId();
    expectError(await plan.rest("DELETE", `/batches/${id}`), 404, "not_found", id);
    expectError(await plan.rest("PUT", `/batches/${id}/cancel`), 404, "not_found", id);
  });

  it("cancel twice → 200 both times, both forms", async () => {
    const b = await sendOk(plan, { send_at: "2099-01-01T00:00:00Z" });
    const first = await plan.rest("DELETE", `/batches/${b.id}`);
    expect(first.status).toBe(200);
    expect(first.body.canceled).toBe(true);
    const second = await plan.rest("DELETE", `/batches/${b.id}`);
    expect(second.status).toBe(200);
    expect(second.body.canceled).toBe(true);
    const third = await plan.rest("PUT", `/batches/${b.id}/cancel`);
    expect(third.status).toBe(200);
    expect(third.body.canceled).toBe(true);
  });
});

describe("dry run errors", () => {
  let plan: TestPlan;
  beforeAll(async () => {
    plan = await createPlan();
  });

  it.each([
    {
      query: "per_recipient=true&number_of_recipients=1001",
      code: CONSTRAINT,
      field: "number_of_recipients",
    },
    { query: "number_of_recipients=-1", code: CONSTRAINT, field: "number_of_recipients" },
    { query: "number_of_recipients=ten", code: BAD_FORMAT, field: "number_of_recipients" },
    { query: "per_recipient=maybe", code: BAD_FORMAT, field: "per_recipient" },
  ])("POST /batches/dry_run?$query → 400 $code", async (c) => {
    const res = await expectNothingWritten(plan.id, () =>
      plan.rest("POST", `/batches/dry_run?${c.query}`, VALID_SEND),
    );
    expectError(res, 400, c.code, c.field);
  });

  it("POST /batches/dry_run with an invalid send body → 400, nothing written", async () => {
    const res = await expectNothingWritten(plan.id, () =>
      plan.rest("POST", "/batches/dry_run", { ...VALID_SEND, to: ["abc"] }),
    );
    expectError(res, 400, BAD_FORMAT, "to");
    const res2 = await plan.rest("POST", "/batches/dry_run", { ...VALID_SEND, from: undefined });
    expectError(res2, 400, CONSTRAINT, "from");
    const id = unknownId();
    expectError(
      await plan.rest("POST", "/batches/dry_run", { ...VALID_SEND, to: [id] }),
      403,
      "unknown_group",
      id,
    );
  });

  it("POST /batches/dry_run refuses what a send refuses: every SEND error case gives the same answer", async () => {
    const inputs = [
      { ...VALID_SEND, to: [] },
      { ...VALID_SEND, body: "a".repeat(2001) },
      { ...VALID_SEND, type: "mt_media" },
      { ...VALID_SEND, send_at: "2030-01-02T00:00:00Z", expire_at: "2030-01-01T00:00:00Z" },
      { ...VALID_SEND, send_at: "2030-01-02T00:00:00Z", expire_at: "2030-01-02T00:00:00Z" },
      { ...VALID_SEND, type: "mt_binary", body: btoa("x".repeat(135)), udh: "050003010101" },
    ];
    for (const input of inputs) {
      const send = await plan.rest("POST", "/batches", input);
      expect(send.status).toBe(400);
      const dry = await expectNothingWritten(plan.id, () => plan.rest("POST", "/batches/dry_run", input));
      expect(dry.body, JSON.stringify(input).slice(0, 120)).toEqual(send.body);
      expect(dry.status).toBe(send.status);
    }
  });

  it("POST /batches/dry_run with malformed JSON → 400 syntax_invalid_json", async () => {
    const res = await planRaw(plan, "POST", "/batches/dry_run", {
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expectError(res, 400, "syntax_invalid_json");
  });

  it("the valid dry run writes nothing (per_recipient=true, number_of_recipients=1000)", async () => {
    const res = await expectNothingWritten(plan.id, () =>
      plan.rest("POST", "/batches/dry_run?per_recipient=true&number_of_recipients=1000", VALID_SEND),
    );
    expect(res.status).toBe(200);
    expect(res.body.number_of_recipients).toBe(1);
  });

  it("stored dry run of an unknown batch → 404; bad query on a known one → 400", async () => {
    const id = unknownId();
    expectError(await plan.rest("POST", `/batches/${id}/dry_run`), 404, "not_found", id);
    const b = await sendOk(plan);
    expectError(
      await plan.rest("POST", `/batches/${b.id}/dry_run?per_recipient=maybe`),
      400,
      BAD_FORMAT,
      "per_recipient",
    );
    expectError(
      await plan.rest("POST", `/batches/${b.id}/dry_run?number_of_recipients=1001`),
      400,
      CONSTRAINT,
      "number_of_recipients",
    );
  });
});

describe("POST /batches/{id}/delivery_feedback errors", () => {
  let plan: TestPlan;
  let withFeedback: any;
  let withoutFeedback: any;
  beforeAll(async () => {
    plan = await createPlan();
    withFeedback = await sendOk(plan, { to: ["46701234567", "46701234568"], feedback_enabled: true });
    withoutFeedback = await sendOk(plan);
  });

  it("without the `recipients` key → 400", async () => {
    const res = await plan.rest("POST", `/batches/${withFeedback.id}/delivery_feedback`, {});
    expectError(res, 400, CONSTRAINT, "recipients");
  });

  it("`recipients` not an array / with a bad number → 400", async () => {
    const url = `/batches/${withFeedback.id}/delivery_feedback`;
    expectError(await plan.rest("POST", url, { recipients: "46701234567" }), 400, BAD_FORMAT, "recipients");
    expectError(await plan.rest("POST", url, { recipients: ["abc"] }), 400, BAD_FORMAT, "recipients");
  });

  it("on a batch without feedback_enabled → 400", async () => {
    const res = await plan.rest("POST", `/batches/${withoutFeedback.id}/delivery_feedback`, {
      recipients: ["46701234567"],
    });
    expectError(res, 400, CONSTRAINT, "feedback_enabled");
  });

  it("a number not in the batch → 400 naming it", async () => {
    const res = await plan.rest("POST", `/batches/${withFeedback.id}/delivery_feedback`, {
      recipients: ["46701234567", "+46709999999"],
    });
    expectError(res, 400, CONSTRAINT, "46709999999");
  });

  it("unknown batch → 404", async () => {
    const id = unknownId();
    const res = await plan.rest("POST", `/batches/${id}/delivery_feedback`, { recipients: [] });
    expectError(res, 404, "not_found", id);
  });

  it("OK → 202 with an empty body (a list, or [] for all)", async () => {
    for (const recipients of [["+46701234567"], []]) {
      const res = await planRaw(plan, "POST", `/batches/${withFeedback.id}/delivery_feedback`, {
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ recipients }),
      });
      expect(res.status).toBe(202);
      expect(res.text).toBe("");
    }
  });
});
