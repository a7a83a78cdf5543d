// tRPC errors: the same {code,text} and HTTP status as REST for the same mistake, plus tRPC-only transport errors.
import { beforeAll, describe, expect, it } from "vitest";
import { createGatewayClient } from "../../../src/rpc/client";
import {
  expectError,
  expectNothingWritten,
  numbers,
  planHeaders,
  planRaw,
  sendOk,
  trpcRaw,
  unknownId,
  VALID_SEND,
} from "../../helpers/errors";
import { BASE, createPlan, gatewayFetch, rpcError, type TestPlan } from "../../helpers/gateway";

const clientFor = (servicePlanId: string | undefined, token: string) =>
  createGatewayClient({ url: BASE, servicePlanId, token, fetch: gatewayFetch, batch: false });

/** REST's error as `{status, code, text}`, to compare with rpcError's. */
const restError = (res: { status: number; body: any }) => ({
  status: res.status,
  code: res.body?.code,
  text: res.body?.text,
});

const SEND_INPUTS: [string, Record<string, unknown>][] = [
  ["to missing", { from: "12345", body: "x" }],
  ["to empty", { ...VALID_SEND, to: [] }],
  ["1001 recipients", { ...VALID_SEND, to: numbers(1001) }],
  ["a bad number", { ...VALID_SEND, to: ["abc"] }],
  ["body 2001 chars", { ...VALID_SEND, body: "a".repeat(2001) }],
  ["body a number", { ...VALID_SEND, body: 1 }],
  ["type mt_media", { ...VALID_SEND, type: "mt_media" }],
  ["type foo", { ...VALID_SEND, type: "foo" }],
  ["delivery_report sometimes", { ...VALID_SEND, delivery_report: "sometimes" }],
  ["send_at tomorrow", { ...VALID_SEND, send_at: "tomorrow" }],
  [
    "expire_at before send_at",
    { ...VALID_SEND, send_at: "2030-01-02T00:00:00Z", expire_at: "2030-01-01T00:00:00Z" },
  ],
  ["from missing", { to: ["46701234567"], body: "x" }],
  ["from_ton 7", { ...VALID_SEND, from_ton: 7 }],
  ["parameters bad key", { ...VALID_SEND, parameters: { "bad key": { default: "x" } } }],
  ["mt_binary without udh", { ...VALID_SEND, type: "mt_binary", body: "AAAA" }],
  ["unknown group", { ...VALID_SEND, to: ["01ARZ3NDEKTSV4RRFFQ69G5FAV"] }],
];

describe("tRPC: same error as REST", () => {
  let plan: TestPlan;
  beforeAll(async () => {
    plan = await createPlan();
  });

  it.each(SEND_INPUTS)("batches.send with %s", async (_, input) => {
    const rest = restError(await plan.rest("POST", "/batches", input));
    const rpc = await expectNothingWritten(plan.id, () =>
      rpcError(plan.rpc.batches.send.mutate(input as any)),
    );
    expect(rest.status).toBeGreaterThanOrEqual(400);
    expect(rpc).toEqual(rest);
  });

  it.each(SEND_INPUTS)("batches.dryRun with %s: same answer as REST's dry run", async (_, input) => {
    const rest = restError(await plan.rest("POST", "/batches/dry_run", input));
    const rpc = await rpcError(plan.rpc.batches.dryRun.mutate(input as any)).catch(() => ({
      status: 200,
      code: undefined,
      text: undefined,
    }));
    expect(rpc).toEqual(rest);
  });

  it("get / cancel / dry run / reports of an unknown batch → 404 both ways", async () => {
    const id = unknownId();
    const pairs: [() => Promise<unknown>, string, string, unknown?][] = [
      [() => plan.rpc.batches.get.query({ batch_id: id }), "GET", `/batches/${id}`],
      [() => plan.rpc.batches.cancel.mutate({ batch_id: id }), "DELETE", `/batches/${id}`],
      [
        () => plan.rpc.batches.update.mutate({ batch_id: id, body: "x" } as any),
        "POST",
        `/batches/${id}`,
        { body: "x" },
      ],
      [
        () => plan.rpc.batches.replace.mutate({ batch_id: id, ...VALID_SEND } as any),
        "PUT",
        `/batches/${id}`,
        VALID_SEND,
      ],
      [() => plan.rpc.batches.dryRunStored.mutate({ batch_id: id } as any), "POST", `/batches/${id}/dry_run`],
      [
        () => plan.rpc.batches.deliveryFeedback.mutate({ batch_id: id, recipients: [] }),
        "POST",
        `/batches/${id}/delivery_feedback`,
        { recipients: [] },
      ],
      [
        () => plan.rpc.deliveryReports.byBatch.query({ batch_id: id } as any),
        "GET",
        `/batches/${id}/delivery_report`,
      ],
      [
        () => plan.rpc.deliveryReports.byRecipient.query({ batch_id: id, recipient_msisdn: "46701234567" }),
        "GET",
        `/batches/${id}/delivery_report/46701234567`,
      ],
      [() => plan.rpc.groups.get.query({ group_id: id }), "GET", `/groups/${id}`],
      [() => plan.rpc.groups.update.mutate({ group_id: id, add: [] }), "POST", `/groups/${id}`, { add: [] }],
      [() => plan.rpc.groups.members.query({ group_id: id }), "GET", `/groups/${id}/members`],
      [() => plan.rpc.groups.delete.mutate({ group_id: id }), "DELETE", `/groups/${id}`],
      [() => plan.rpc.inbounds.get.query({ inbound_id: id }), "GET", `/inbounds/${id}`],
    ];
    for (const [call, method, path, body] of pairs) {
      const rpc = await rpcError(call());
      const rest = restError(await plan.rest(method, path, body));
      expect(rpc, `${method} ${path}`).toEqual(rest);
      expect(rpc.status).toBe(404);
      expect(rpc.code).toBe("not_found");
    }
  });

  it("list with page_size 101 / page -1 / page_size 'abc' → 400 both ways, every list", async () => {
    const lists: [string, (q: any) => Promise<unknown>][] = [
      ["/batches", (q) => plan.rpc.batches.list.query(q)],
      ["/groups", (q) => plan.rpc.groups.list.query(q)],
      ["/inbounds", (q) => plan.rpc.inbounds.list.query(q)],
      ["/delivery_reports", (q) => plan.rpc.deliveryReports.list.query(q)],
    ];
    for (const [path, list] of lists)
      for (const [query, input] of [
        ["page_size=101", { page_size: 101 }],
        ["page=-1", { page: -1 }],
        ["page_size=abc", { page_size: "abc" }],
      ] as const) {
        const rpc = await rpcError(list(input));
        const rest = restError(await plan.rest("GET", `${path}?${query}`));
        expect(rpc, `${path}?${query}`).toEqual(rest);
        expect(rpc.status).toBe(400);
      }
  });

  it("delivery report filters: unknown status / code / type → 400 both ways", async () => {
    for (const [query, input] of [
      ["status=Sent", { status: "Sent" }],
      ["code=abc", { code: "abc" }],
      ["type=weird", { type: "weird" }],
    ] as const) {
      const rpc = await rpcError(plan.rpc.deliveryReports.list.query(input as any));
      const rest = restError(await plan.rest("GET", `/delivery_reports?${query}`));
      expect(rpc, query).toEqual(rest);
    }
  });

  it("update errors (to_add 101, unknown group, after cancel) → same both ways", async () => {
    const b = await sendOk(plan, { send_at: "2099-01-01T00:00:00Z" });
    const g = unknownId();
    for (const body of [{ to_add: numbers(101) }, { to_add: [g] }, { type: "mt_binary" }, { udh: "0500" }]) {
      const rpc = await rpcError(plan.rpc.batches.update.mutate({ batch_id: b.id, ...body } as any));
      const rest = restError(await plan.rest("POST", `/batches/${b.id}`, body));
      expect(rpc, JSON.stringify(body).slice(0, 80)).toEqual(rest);
    }
    await plan.rest("DELETE", `/batches/${b.id}`);
    const rpc = await rpcError(plan.rpc.batches.update.mutate({ batch_id: b.id, body: "late" } as any));
    const rest = restError(await plan.rest("POST", `/batches/${b.id}`, { body: "late" }));
    expect(rpc).toEqual(rest);
    expect(rpc.status).toBe(409);
    expect(rpc.code).toBe("conflict_send_at");
    const rpcReplace = await rpcError(
      plan.rpc.batches.replace.mutate({ batch_id: b.id, ...VALID_SEND } as any),
    );
    expect(rpcReplace).toEqual(restError(await plan.rest("PUT", `/batches/${b.id}`, VALID_SEND)));
  });

  it("group errors (name 21 chars, unknown child) → same both ways", async () => {
    const child = unknownId();
    for (const body of [{ name: "n".repeat(21) }, { child_groups: [child] }, { members: ["abc"] }]) {
      const rpc = await rpcError(plan.rpc.groups.create.mutate(body as any));
      const rest = restError(await plan.rest("POST", "/groups", body));
      expect(rpc).toEqual(rest);
    }
  });
});

describe("tRPC: auth", () => {
  let plan: TestPlan;
  let other: TestPlan;
  beforeAll(async () => {
    plan = await createPlan();
    other = await createPlan();
  });

  it("wrong token, another plan's token, unknown plan → 401 unauthorized, same as REST", async () => {
    const rest = restError(
      await (async () => {
        const r = await gatewayFetch(`${BASE}/xms/v1/${plan.id}/batches`, {
          headers: { authorization: "Bearer wrong-token-0123456789" },
        });
        return { status: r.status, body: await r.json() };
      })(),
    );
    expect(rest.status).toBe(401);
    for (const client of [
      clientFor(plan.id, "wrong-token-0123456789"),
      clientFor(plan.id, other.token),
      clientFor("unknownplan0123456789", plan.token),
    ]) {
      expect(await rpcError(client.batches.list.query())).toEqual(rest);
      expect(await rpcError(client.batches.send.mutate(VALID_SEND as any))).toEqual(rest);
    }
    expect((await other.rest("GET", "/batches")).body.count).toBe(0);
    expect((await plan.rest("GET", "/batches")).body.count).toBe(0);
  });

  it("missing x-service-plan-id → 401 unauthorized", async () => {
    const err = await rpcError(clientFor(undefined, plan.token).batches.list.query());
    expect(err.status).toBe(401);
    expect(err.code).toBe("unauthorized");
  });

  it("no authorization header → 401 unauthorized", async () => {
    const res = await trpcRaw("query", "batches.list", {}, { "x-service-plan-id": plan.id });
    expect(res.status).toBe(401);
    expect(res.sinch?.code).toBe("unauthorized");
  });

  it("admin procedures: without / with a wrong / with a plan token → 401", async () => {
    for (const token of ["wrong-admin-token", plan.token]) {
      const admin = clientFor(undefined, token);
      const err = await rpcError(admin.admin.getServicePlan.query({ service_plan_id: plan.id }));
      expect(err.status).toBe(401);
      expect(err.code).toBe("unauthorized");
    }
    const res = await trpcRaw("query", "admin.getServicePlan", { service_plan_id: plan.id }, {});
    expect(res.status).toBe(401);
    expect(res.sinch?.code).toBe("unauthorized");
  });
});

describe("tRPC: transport errors", () => {
  let plan: TestPlan;
  beforeAll(async () => {
    plan = await createPlan();
  });

  it("malformed JSON → 400 syntax_invalid_json, same code as REST", async () => {
    const rpc = await expectNothingWritten(plan.id, () =>
      trpcRaw("mutation", "batches.send", undefined, planHeaders(plan), '{"to": ['),
    );
    expect(rpc.status).toBe(400);
    expect(rpc.sinch?.code).toBe("syntax_invalid_json");
    const rest = await planRaw(plan, "POST", "/batches", {
      headers: { "content-type": "application/json" },
      body: '{"to": [',
    });
    expectError(rest, 400, "syntax_invalid_json");
  });

  it("text/plain mutation → 415 unsupported_media_type", async () => {
    const res = await expectNothingWritten(plan.id, async () => {
      const r = await gatewayFetch(`${BASE}/trpc/batches.send`, {
        method: "POST",
        headers: { ...planHeaders(plan), "content-type": "text/plain" },
        body: JSON.stringify(VALID_SEND),
      });
      return { status: r.status, body: (await r.json()) as any };
    });
    expect(res.status).toBe(415);
    expect(res.body?.error?.data?.sinch?.code).toBe("unsupported_media_type");
  });

  it("a body over 1 MiB → 413 request_too_large, as on REST", async () => {
    const big = JSON.stringify({ ...VALID_SEND, client_reference: "r".repeat(1024 * 1024 + 10) });
    const rpc = await expectNothingWritten(plan.id, () =>
      trpcRaw("mutation", "batches.send", undefined, planHeaders(plan), big),
    );
    expect(rpc.status).toBe(413);
    expect(rpc.sinch?.code).toBe("request_too_large");
  });

  it("unknown procedure → 404 not_found", async () => {
    const res = await trpcRaw("query", "batches.nope", {}, planHeaders(plan));
    expect(res.status).toBe(404);
    expect(res.sinch?.code).toBe("not_found");
  });

  it("a mutation called as a query (GET) → 405 method_not_allowed", async () => {
    const res = await trpcRaw("query", "batches.send", VALID_SEND, planHeaders(plan));
    expect(res.status).toBe(405);
    expect(res.sinch?.code).toBe("method_not_allowed");
  });

  it("input that is not an object → 400 with a Sinch code, never a 500", async () => {
    for (const input of [[], "x", 5, null]) {
      const res = await trpcRaw("mutation", "batches.send", input, planHeaders(plan));
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.sinch?.code).toMatch(/^syntax_/);
    }
  });
});
