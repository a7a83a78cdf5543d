// Never a 500: seeded fuzzing of send-batch (and group) bodies with random JSON of random types in random fields.
import { beforeAll, describe, expect, it } from "vitest";
import { seeded, snapshot } from "../../helpers/errors";
import { createPlan, type Json, type TestPlan } from "../../helpers/gateway";

const SEED = 20240606;
const ITERATIONS = 200;

type Rng = () => number;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

const STRINGS = [
  "",
  " ",
  "hello",
  "a".repeat(2001),
  "ä€𝄞😀",
  "\u0000",
  "\ud800",
  "+46701234567",
  "0046701234567",
  "46701234567",
  "+0123",
  "1234567890123456",
  "abc",
  "12345",
  "ABCDEFGHIJKLMNOP",
  "2030-01-01T00:00:00Z",
  "2030-01-01",
  "1970-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999999999+14:00",
  "tomorrow",
  "https://example.com/cb",
  "javascript:alert(1)",
  "http://",
  "mt_text",
  "mt_binary",
  "mt_media",
  "none",
  "full",
  "per_recipient_final",
  "${name}",
  "${}",
  "__proto__",
  "constructor",
  "default",
  "AAAA",
  "AAA=",
  "A===",
  "0500030A0101",
  "05000",
  "01ARZ3NDEKTSV4RRFFQ69G5FAV",
  "' OR 1=1 --",
  '"); DROP TABLE batches; --',
  "%00",
  "%2B46701234567",
];

const NUMBERS = [
  0,
  -0,
  1,
  -1,
  6,
  7,
  18,
  19,
  1.5,
  1e21,
  -1e21,
  2 ** 53,
  2 ** 53 + 2,
  1e308,
  -1e308,
  160,
  2000,
];

const FIELDS = [
  "to",
  "from",
  "body",
  "type",
  "udh",
  "parameters",
  "delivery_report",
  "send_at",
  "expire_at",
  "callback_url",
  "client_reference",
  "feedback_enabled",
  "flash_message",
  "max_number_of_message_parts",
  "truncate_concat",
  "from_ton",
  "from_npi",
  "strict_validation",
  "__proto__",
  "constructor",
  "unknown_field",
];

function randomValue(rng: Rng, depth = 0): unknown {
  const kind = depth > 2 ? int(rng, 0, 3) : int(rng, 0, 6);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng() < 0.5;
    case 2:
      return pick(rng, NUMBERS);
    case 3:
      return pick(rng, STRINGS);
    case 4:
      return Array.from({ length: pick(rng, [0, 1, 2, 3, 1001]) }, () =>
        rng() < 0.7 ? pick(rng, STRINGS) : randomValue(rng, depth + 1),
      );
    case 5: {
      // Own properties even for __proto__: Object.fromEntries defines, it does not assign.
      const keys = Array.from({ length: int(rng, 0, 3) }, () => pick(rng, [...STRINGS, ...FIELDS]));
      return Object.fromEntries(keys.map((k) => [k, randomValue(rng, depth + 1)]));
    }
    default:
      // A parameters-shaped value: { key: { msisdn|default: value } }.
      return Object.fromEntries([
        [
          pick(rng, ["name", "bad key", "__proto__", "k".repeat(17), "a.b-c_d"]),
          { [pick(rng, STRINGS)]: randomValue(rng, depth + 1) },
        ],
      ]);
  }
}

function randomSendBody(rng: Rng): unknown {
  if (rng() < 0.05) return randomValue(rng);
  const base: Record<string, unknown> =
    rng() < 0.7
      ? {
          to: ["46701234567"],
          from: "12345",
          body: "Hello ${name}",
          parameters: { name: { default: "you" } },
        }
      : { to: ["46701234567"], from: "12345", type: "mt_binary", body: "AAAA", udh: "050003010101" };
  const entries = Object.entries(base);
  for (let n = int(rng, 1, 3); n > 0; n--) {
    const field = pick(rng, FIELDS);
    const existing = entries.findIndex(([k]) => k === field);
    if (existing >= 0 && rng() < 0.15) entries.splice(existing, 1);
    else if (existing >= 0) entries[existing] = [field, randomValue(rng)];
    else entries.push([field, randomValue(rng)]);
  }
  return Object.fromEntries(entries);
}

/** 2xx as expected, or a 4xx with a proper Sinch body: never a 5xx, never a non-JSON error. */
function expectSane(res: Json, ok: number, label: string): void {
  const context = `${label}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
  expect(res.status === ok || (res.status >= 400 && res.status < 500), context).toBe(true);
  if (res.status !== ok) {
    expect(Object.keys(res.body ?? {}).sort(), context).toEqual(["code", "text"]);
    expect(res.body.code, context).toMatch(/^[a-z_]+$/);
    expect(res.body.text, context).toBeTypeOf("string");
  }
}

describe("fuzz: never a 500", () => {
  let plan: TestPlan;
  let withDefault: TestPlan;
  beforeAll(async () => {
    plan = await createPlan();
    withDefault = await createPlan({ default_originator: "12345" });
  });

  it(`POST /batches: ${ITERATIONS} seeded random bodies answer 201 or 4xx {code,text}`, async () => {
    const rng = seeded(SEED);
    let created = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const target = rng() < 0.5 ? plan : withDefault;
      const body = randomSendBody(rng);
      const label = `#${i} ${JSON.stringify(body)?.slice(0, 300)}`;
      const before = await snapshot(target.id);
      const res = await target.rest("POST", "/batches", body);
      expectSane(res, 201, label);
      if (res.status === 201) {
        created++;
        const got = await target.rest("GET", `/batches/${res.body.id}`);
        expect(got.status, label).toBe(200);
        expect(got.body, label).toEqual(res.body);
      } else {
        expect(await snapshot(target.id), label).toEqual(before);
      }
    }
    // The generator must reach the happy path too, or the loop only tests the validator's first check.
    expect(created).toBeGreaterThan(10);
    expect(created).toBeLessThan(ITERATIONS);
  });

  it(`POST /batches/dry_run: ${ITERATIONS / 2} seeded random bodies answer 200 or 4xx`, async () => {
    const rng = seeded(SEED + 1);
    for (let i = 0; i < ITERATIONS / 2; i++) {
      const body = randomSendBody(rng);
      const res = await plan.rest("POST", "/batches/dry_run?per_recipient=true", body);
      expectSane(res, 200, `#${i} ${JSON.stringify(body)?.slice(0, 300)}`);
    }
  });

  it(`POST /groups: ${ITERATIONS / 2} seeded random bodies answer 201 or 4xx`, async () => {
    const rng = seeded(SEED + 2);
    const fields = ["name", "members", "child_groups", "auto_update", "unknown"];
    for (let i = 0; i < ITERATIONS / 2; i++) {
      const entries: [string, unknown][] = [
        ["name", "g"],
        ["members", ["46701234567"]],
      ];
      for (let n = int(rng, 1, 2); n > 0; n--) entries.push([pick(rng, fields), randomValue(rng)]);
      const body = Object.fromEntries(entries);
      const res = await plan.rest("POST", "/groups", body);
      expectSane(res, 201, `#${i} ${JSON.stringify(body)?.slice(0, 300)}`);
    }
  });

  it(`POST /batches/{id} (update): ${ITERATIONS / 2} seeded random bodies answer 200 or 4xx`, async () => {
    const rng = seeded(SEED + 3);
    const text = await plan.rest("POST", "/batches", {
      to: ["46701234567", "46701234568"],
      from: "12345",
      body: "x",
      send_at: "2099-01-01T00:00:00Z",
    });
    const updateFields = [...FIELDS, "to_add", "to_remove"];
    for (let i = 0; i < ITERATIONS / 2; i++) {
      const body = Object.fromEntries(
        Array.from({ length: int(rng, 1, 3) }, () => [pick(rng, updateFields), randomValue(rng)]),
      );
      const res = await plan.rest("POST", `/batches/${text.body.id}`, body);
      expectSane(res, 200, `#${i} ${JSON.stringify(body)?.slice(0, 300)}`);
    }
  });
});
