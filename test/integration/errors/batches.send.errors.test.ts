// Error matrix of POST /batches: malformed JSON, every field's type/format/limit errors, groups, 413/415; nothing written.
import { beforeAll, describe, expect, it } from "vitest";
import {
  expectError,
  expectNothingWritten,
  groupOk,
  numbers,
  planRaw,
  sendOk,
  snapshot,
  unknownId,
  VALID_SEND,
} from "../../helpers/errors";
import { createPlan, type TestPlan } from "../../helpers/gateway";

const BAD_FORMAT = "syntax_invalid_parameter_format";
const CONSTRAINT = "syntax_constraint_violation";

/** A body without a known length: no content-length header reaches the worker. */
const streamOf = (bytes: Uint8Array) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.byteLength; i += 65_536) controller.enqueue(bytes.slice(i, i + 65_536));
      controller.close();
    },
  });

/** `bytes` bytes of Base64 body. */
const b64 = (bytes: number) => btoa("x".repeat(bytes));

interface Case {
  name: string;
  body: unknown;
  code: string;
  field?: string;
  status?: number;
}

const without = (key: keyof typeof VALID_SEND) => {
  const { [key]: _, ...rest } = VALID_SEND;
  return rest;
};

const BINARY = { to: ["46701234567"], from: "12345", type: "mt_binary", body: b64(10), udh: "050003010101" };

const cases: Case[] = [
  { name: "body is a JSON array", body: [VALID_SEND], code: BAD_FORMAT },
  { name: "body is a JSON string", body: "hello", code: BAD_FORMAT },
  { name: "body is JSON null", body: null, code: BAD_FORMAT },
  { name: "`to` missing", body: without("to"), code: CONSTRAINT, field: "to" },
  { name: "`to` empty", body: { ...VALID_SEND, to: [] }, code: CONSTRAINT, field: "to" },
  {
    name: "`to` with 1001 recipients",
    body: { ...VALID_SEND, to: numbers(1001) },
    code: CONSTRAINT,
    field: "to",
  },
  { name: "`to` not an array", body: { ...VALID_SEND, to: "46701234567" }, code: BAD_FORMAT, field: "to" },
  {
    name: "`to` with 'abc'",
    body: { ...VALID_SEND, to: ["46701234567", "abc"] },
    code: BAD_FORMAT,
    field: "to",
  },
  { name: "`to` with '+0123'", body: { ...VALID_SEND, to: ["+0123"] }, code: BAD_FORMAT, field: "to" },
  {
    name: "`to` with 16 digits",
    body: { ...VALID_SEND, to: ["+4670123456789012"] },
    code: BAD_FORMAT,
    field: "to",
  },
  {
    name: "`to` with a number item",
    body: { ...VALID_SEND, to: [46701234567] },
    code: BAD_FORMAT,
    field: "to",
  },
  { name: "`body` missing", body: without("body"), code: CONSTRAINT, field: "body" },
  {
    name: "`body` of 2001 chars",
    body: { ...VALID_SEND, body: "a".repeat(2001) },
    code: CONSTRAINT,
    field: "body",
  },
  { name: "`body` a number", body: { ...VALID_SEND, body: 42 }, code: BAD_FORMAT, field: "body" },
  { name: "`type` mt_media", body: { ...VALID_SEND, type: "mt_media" }, code: BAD_FORMAT, field: "type" },
  { name: "`type` foo", body: { ...VALID_SEND, type: "foo" }, code: BAD_FORMAT, field: "type" },
  { name: "`type` a number", body: { ...VALID_SEND, type: 1 }, code: BAD_FORMAT, field: "type" },
  {
    name: "`delivery_report` sometimes",
    body: { ...VALID_SEND, delivery_report: "sometimes" },
    code: BAD_FORMAT,
    field: "delivery_report",
  },
  {
    name: "`send_at` tomorrow",
    body: { ...VALID_SEND, send_at: "tomorrow" },
    code: BAD_FORMAT,
    field: "send_at",
  },
  {
    name: "`expire_at` a bad date",
    body: { ...VALID_SEND, expire_at: "2024-13-45T99:00:00Z" },
    code: BAD_FORMAT,
    field: "expire_at",
  },
  {
    name: "`expire_at` before `send_at`",
    body: { ...VALID_SEND, send_at: "2030-01-02T00:00:00Z", expire_at: "2030-01-01T00:00:00Z" },
    code: CONSTRAINT,
    field: "expire_at",
  },
  {
    name: "`expire_at` equal to `send_at`",
    body: { ...VALID_SEND, send_at: "2030-01-02T00:00:00Z", expire_at: "2030-01-02T00:00:00Z" },
    code: CONSTRAINT,
    field: "expire_at",
  },
  {
    name: "`callback_url` not a url",
    body: { ...VALID_SEND, callback_url: "not a url" },
    code: BAD_FORMAT,
    field: "callback_url",
  },
  {
    name: "`callback_url` of 2049 chars",
    body: { ...VALID_SEND, callback_url: `https://example.com/${"a".repeat(2029)}` },
    code: CONSTRAINT,
    field: "callback_url",
  },
  {
    name: "`client_reference` of 2049 chars",
    body: { ...VALID_SEND, client_reference: "r".repeat(2049) },
    code: CONSTRAINT,
    field: "client_reference",
  },
  { name: "`from` missing, no default originator", body: without("from"), code: CONSTRAINT, field: "from" },
  {
    name: "`from` too long an alphanumeric",
    body: { ...VALID_SEND, from: "ABCDEFGHIJKL" },
    code: BAD_FORMAT,
    field: "from",
  },
  { name: "`from_ton` 7", body: { ...VALID_SEND, from_ton: 7 }, code: CONSTRAINT, field: "from_ton" },
  { name: "`from_ton` 1.5", body: { ...VALID_SEND, from_ton: 1.5 }, code: BAD_FORMAT, field: "from_ton" },
  { name: "`from_npi` 19", body: { ...VALID_SEND, from_npi: 19 }, code: CONSTRAINT, field: "from_npi" },
  {
    name: "`max_number_of_message_parts` 0",
    body: { ...VALID_SEND, max_number_of_message_parts: 0 },
    code: CONSTRAINT,
    field: "max_number_of_message_parts",
  },
  {
    name: "`feedback_enabled` a string",
    body: { ...VALID_SEND, feedback_enabled: "yes" },
    code: BAD_FORMAT,
    field: "feedback_enabled",
  },
  {
    name: "parameters key 'bad key'",
    body: { ...VALID_SEND, parameters: { "bad key": { default: "x" } } },
    code: BAD_FORMAT,
    field: "parameters",
  },
  {
    name: "parameters key of 17 chars",
    body: { ...VALID_SEND, parameters: { abcdefghijklmnopq: { default: "x" } } },
    code: BAD_FORMAT,
    field: "parameters",
  },
  {
    name: "parameters value of 161 chars",
    body: { ...VALID_SEND, parameters: { name: { default: "v".repeat(161) } } },
    code: CONSTRAINT,
    field: "parameters",
  },
  {
    name: "parameters recipient key not a number",
    body: { ...VALID_SEND, parameters: { name: { bob: "x" } } },
    code: BAD_FORMAT,
    field: "parameters",
  },
  {
    name: "parameters not an object",
    body: { ...VALID_SEND, parameters: "name=x" },
    code: BAD_FORMAT,
    field: "parameters",
  },
  {
    name: "mt_binary non-base64 body",
    body: { ...BINARY, body: "not base64!" },
    code: BAD_FORMAT,
    field: "body",
  },
  { name: "mt_binary without udh", body: { ...BINARY, udh: undefined }, code: CONSTRAINT, field: "udh" },
  { name: "mt_binary odd-length udh", body: { ...BINARY, udh: "05000" }, code: BAD_FORMAT, field: "udh" },
  { name: "mt_binary non-hex udh", body: { ...BINARY, udh: "zz" }, code: BAD_FORMAT, field: "udh" },
  {
    name: "mt_binary body+udh of 141 bytes",
    body: { ...BINARY, body: b64(135), udh: "050003010101" },
    code: CONSTRAINT,
    field: "body",
  },
];

describe("POST /batches errors", () => {
  let plan: TestPlan;
  beforeAll(async () => {
    plan = await createPlan();
  });

  it.each(cases)("$name → 400 $code", async (c) => {
    const res = await expectNothingWritten(plan.id, () => plan.rest("POST", "/batches", c.body));
    expectError(res, c.status ?? 400, c.code, c.field);
  });

  it("malformed JSON → 400 syntax_invalid_json", async () => {
    for (const raw of ['{"to": ["46701234567"], "body": "x",}', "{", "", "undefined", "{'a': 1}"]) {
      const res = await expectNothingWritten(plan.id, () =>
        planRaw(plan, "POST", "/batches", { headers: { "content-type": "application/json" }, body: raw }),
      );
      expectError(res, 400, "syntax_invalid_json");
    }
  });

  it("text/plain → 415, no content type → 415", async () => {
    const json = JSON.stringify(VALID_SEND);
    const plain = await expectNothingWritten(plan.id, () =>
      planRaw(plan, "POST", "/batches", { headers: { "content-type": "text/plain" }, body: json }),
    );
    expectError(plain, 415, "unsupported_media_type");
    // Bytes, not a string: a string body would get text/plain from the Request constructor.
    const none = await expectNothingWritten(plan.id, () =>
      planRaw(plan, "POST", "/batches", { body: new TextEncoder().encode(json) }),
    );
    expectError(none, 415, "unsupported_media_type");
  });

  it("application/json with charset and vnd+json are accepted", async () => {
    for (const type of ["application/json; charset=utf-8", "application/vnd.api+json"]) {
      const res = await planRaw(plan, "POST", "/batches", {
        headers: { "content-type": type },
        body: JSON.stringify(VALID_SEND),
      });
      expect(res.status, `${type}: ${res.text}`).toBe(201);
    }
  });

  it("a body over 1 MiB → 413 request_too_large", async () => {
    const big = JSON.stringify({ ...VALID_SEND, client_reference: "r".repeat(1024 * 1024 + 10) });
    const res = await expectNothingWritten(plan.id, () =>
      planRaw(plan, "POST", "/batches", { headers: { "content-type": "application/json" }, body: big }),
    );
    expectError(res, 413, "request_too_large");
  });

  it("a streamed (no content-length) body over 1 MiB → 413", async () => {
    const big = new TextEncoder().encode(
      JSON.stringify({ ...VALID_SEND, client_reference: "r".repeat(1024 * 1024 + 10) }),
    );
    const res = await expectNothingWritten(plan.id, () =>
      planRaw(plan, "POST", "/batches", {
        headers: { "content-type": "application/json" },
        body: streamOf(big),
      }),
    );
    expectError(res, 413, "request_too_large");
  });

  it("a body over 1 MiB in bytes but not in UTF-16 chars → 413", async () => {
    // 600k × "é" is 1.2 MB of UTF-8 but only 600k JavaScript chars; streamed, so no content-length.
    const big = new TextEncoder().encode(
      JSON.stringify({ ...VALID_SEND, client_reference: "é".repeat(600_000) }),
    );
    expect(big.byteLength).toBeGreaterThan(1024 * 1024);
    const res = await expectNothingWritten(plan.id, () =>
      planRaw(plan, "POST", "/batches", {
        headers: { "content-type": "application/json" },
        body: streamOf(big),
      }),
    );
    expectError(res, 413, "request_too_large");
  });

  it("the limits themselves are accepted: body 2000 chars, 1000 recipients, 140 binary bytes", async () => {
    await sendOk(plan, { body: "a".repeat(2000) });
    await sendOk(plan, { to: numbers(1000, "4671") });
    await sendOk(plan, { ...BINARY, body: b64(134), udh: "050003010101" });
    await sendOk(plan, { from_ton: 6, from_npi: 18, max_number_of_message_parts: 1 });
    await sendOk(plan, { parameters: { abcdefghijklmnop: { default: "v".repeat(160) } } });
  });

  it("`from` may be omitted on a plan with a default originator", async () => {
    const withDefault = await createPlan({ default_originator: "12345" });
    const b = await sendOk(withDefault, { from: undefined });
    expect(b.from).toBe("12345");
  });

  it("`parameters` on mt_binary is refused or stripped, never a 500", async () => {
    const before = await snapshot(plan.id);
    const res = await plan.rest("POST", "/batches", { ...BINARY, parameters: { name: { default: "x" } } });
    expect([201, 400], JSON.stringify(res.body)).toContain(res.status);
    if (res.status === 201) {
      expect(res.body.parameters).toBeUndefined();
      const got = await plan.rest("GET", `/batches/${res.body.id}`);
      expect(got.body.parameters).toBeUndefined();
    } else {
      expectError(res, 400, res.body.code, "parameters");
      expect(await snapshot(plan.id)).toEqual(before);
    }
  });

  it("a `parameters` key named __proto__ is kept or refused, never silently lost", async () => {
    // JSON.stringify cannot write a __proto__ key from a literal: build the body by hand.
    const raw = `{"to":["46701234567"],"from":"12345","body":"Hi \${__proto__}","parameters":{"__proto__":{"default":"there"}}}`;
    const res = await planRaw(plan, "POST", "/batches", {
      headers: { "content-type": "application/json" },
      body: raw,
    });
    expect([201, 400], res.text).toContain(res.status);
    if (res.status === 201) {
      const got = await plan.rest("GET", `/batches/${res.body.id}`);
      expect(Object.keys(got.body.parameters ?? {})).toEqual(["__proto__"]);
    }
  });

  it("unknown group id in `to` → 403 unknown_group", async () => {
    const id = unknownId();
    const res = await expectNothingWritten(plan.id, () =>
      plan.rest("POST", "/batches", { ...VALID_SEND, to: ["46701234567", id] }),
    );
    expectError(res, 403, "unknown_group", id);
  });

  it("a group of another plan in `to` → 403 unknown_group, same as an unknown one", async () => {
    const other = await createPlan();
    const foreign = await groupOk(other, { name: "theirs", members: ["46709999999"] });
    const res = await expectNothingWritten(plan.id, () =>
      plan.rest("POST", "/batches", { ...VALID_SEND, to: [foreign.id] }),
    );
    expectError(res, 403, "unknown_group", foreign.id);
    const unknown = unknownId();
    const res2 = await plan.rest("POST", "/batches", { ...VALID_SEND, to: [unknown] });
    expect(res2.body.text.replace(unknown, "ID")).toBe(res.body.text.replace(foreign.id, "ID"));
  });

  it("a valid batch after all the failures writes exactly one batch", async () => {
    const before = await snapshot(plan.id);
    await sendOk(plan, { to: ["46701234567", "46701234568"] });
    const after = await snapshot(plan.id);
    expect(after.batches - before.batches).toBe(1);
    expect(after.recipients - before.recipients).toBe(2);
  });
});
