// The router and the document agree: every registered route is documented and every documented route is served.
import { describe, expect, it } from "vitest";
import { openApiPath } from "../../../src/worker/openapi/document";
import { operations } from "../../../src/worker/operations";
import { buildRouter } from "../../../src/worker/router";
import { expectError } from "../../helpers/errors";
import { createPlan, rpcError } from "../../helpers/gateway";
import { operationsOf, servedDocument } from "./document";

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

describe("routes and document", () => {
  it("documents every route the router registers, and serves every documented route", async () => {
    const registered = buildRouter()
      .routes.filter(([method]) => method !== "ALL")
      .map(([method, , , path]) => key(method ?? "", openApiPath(path ?? "")));
    const documented = operationsOf(await servedDocument()).map((o) => key(o.method, o.path));
    expect(registered.length).toBeGreaterThanOrEqual(36);
    expect(new Set(registered).size).toBe(registered.length);
    expect([...registered].sort()).toEqual([...documented].sort());
  });

  it("gives every operation a unique operationId", () => {
    const ids = operations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("path parameters are validated like tRPC's inputs", () => {
  const tooLong = "0".repeat(65);

  it("answers the same 400 over REST and tRPC for an over-long id", async () => {
    const plan = await createPlan();
    const rest = await plan.rest("GET", `/batches/${tooLong}`);
    expectError(rest, 400, "syntax_constraint_violation", "batch_id");
    const rpc = await rpcError(plan.rpc.batches.get.query({ batch_id: tooLong }));
    expect(rpc).toEqual({ status: 400, code: rest.body.code, text: rest.body.text });
  });

  it("validates every id-like path parameter of a plan route", async () => {
    const plan = await createPlan();
    for (const path of [
      `/groups/${tooLong}`,
      `/groups/${tooLong}/members`,
      `/inbounds/${tooLong}`,
      `/batches/${tooLong}/delivery_report`,
      `/batches/x/delivery_report/${tooLong}`,
    ]) {
      const res = await plan.rest("GET", path);
      expectError(res, 400, "syntax_constraint_violation");
    }
  });
});
