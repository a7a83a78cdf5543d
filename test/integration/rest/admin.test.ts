// The admin API: service plans with hashed tokens, settings, token issue and revocation, over REST and tRPC.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, adminRpc, call, createPlan } from "../../helpers/gateway";

describe("service plans", () => {
  it("creates a plan with a working token that is stored only as a hash", async () => {
    const res = await call("POST", "/admin/v1/service_plans", {
      token: ADMIN_TOKEN,
      body: {
        name: "Shop",
        rate_limit: 50,
        default_originator: "+4612345",
        callback_url: "https://example.com/cb",
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "Shop",
      rate_limit: 50,
      default_originator: "4612345",
      callback_url: "https://example.com/cb",
      auto_encoding: false,
    });
    expect(res.body.service_plan_id).toMatch(/^[0-9a-f]{32}$/);
    expect(res.body.api_token).toMatch(/^[0-9a-f]{32}$/);
    expect(res.body.webhook_secret.length).toBeGreaterThanOrEqual(32);
    const stored = await env.DB.prepare("SELECT token_hash FROM api_tokens WHERE service_plan_id = ?")
      .bind(res.body.service_plan_id)
      .first<{ token_hash: string }>();
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.token_hash).not.toContain(res.body.api_token);
    const list = await call("GET", `/xms/v1/${res.body.service_plan_id}/batches`, {
      token: res.body.api_token,
    });
    expect(list.status).toBe(200);
  });

  it("answers with the upstream explicitly: a plan created without one uses the simulator", async () => {
    const res = await call("POST", "/admin/v1/service_plans", {
      token: ADMIN_TOKEN,
      body: { name: "no upstream" },
    });
    expect(res.status).toBe(201);
    expect(res.body.upstream).toEqual({ type: "simulator" });
    const read = await call("GET", `/admin/v1/service_plans/${res.body.service_plan_id}`, {
      token: ADMIN_TOKEN,
    });
    expect(read.body.upstream).toEqual({ type: "simulator" });
    const rpc = await adminRpc().admin.createServicePlan.mutate({ name: "no upstream over tRPC" });
    expect(rpc.upstream).toEqual({ type: "simulator" });
  });

  it("issues extra tokens and revokes them at once", async () => {
    const plan = await createPlan();
    const issued = await call("POST", `/admin/v1/service_plans/${plan.id}/tokens`, { token: ADMIN_TOKEN });
    expect(issued.status).toBe(201);
    const second = issued.body.api_token as string;
    expect((await call("GET", `/xms/v1/${plan.id}/groups`, { token: second })).status).toBe(200);
    const tokens = await call("GET", `/admin/v1/service_plans/${plan.id}/tokens`, { token: ADMIN_TOKEN });
    expect(tokens.body).toHaveLength(2);
    const revoked = await call(
      "DELETE",
      `/admin/v1/service_plans/${plan.id}/tokens/${issued.body.token_id}`,
      { token: ADMIN_TOKEN },
    );
    expect(revoked.status).toBe(200);
    expect((await call("GET", `/xms/v1/${plan.id}/groups`, { token: second })).status).toBe(401);
    expect((await call("GET", `/xms/v1/${plan.id}/groups`, { token: plan.token })).status).toBe(200);
  });

  it("updates settings that take effect on the next request", async () => {
    const plan = await createPlan();
    const res = await call("POST", `/admin/v1/service_plans/${plan.id}`, {
      token: ADMIN_TOKEN,
      body: { default_originator: "Brand", rate_limit: 5 },
    });
    expect(res.body).toMatchObject({ default_originator: "Brand", rate_limit: 5 });
    const batch = await plan.rest("POST", "/batches", { to: ["46700000001"], body: "x" });
    expect(batch.body.from).toBe("Brand");
    expect(
      (await call("GET", `/admin/v1/service_plans/${plan.id}`, { token: ADMIN_TOKEN })).body.rate_limit,
    ).toBe(5);
  });

  it("offers the same operations as tRPC admin.* procedures", async () => {
    const admin = adminRpc();
    const created = await admin.admin.createServicePlan.mutate({ name: "rpc", auto_encoding: true });
    expect(created).toMatchObject({ name: "rpc", auto_encoding: true });
    const updated = await admin.admin.updateServicePlan.mutate({
      service_plan_id: created.service_plan_id,
      rate_limit: 7,
    });
    expect(updated.rate_limit).toBe(7);
    const token = await admin.admin.issueToken.mutate({ service_plan_id: created.service_plan_id });
    await admin.admin.revokeToken.mutate({
      service_plan_id: created.service_plan_id,
      token_id: token.token_id,
    });
    const tokens = await admin.admin.listTokens.query({ service_plan_id: created.service_plan_id });
    expect(tokens.filter((t) => t.revoked_at !== undefined)).toHaveLength(1);
    expect(
      (await admin.admin.getServicePlan.query({ service_plan_id: created.service_plan_id })).rate_limit,
    ).toBe(7);
  });
});

describe("listing service plans", () => {
  it("pages every plan newest first, without secrets, over REST and tRPC alike", async () => {
    const first = await createPlan();
    const second = await createPlan();
    const res = await call("GET", "/admin/v1/service_plans?page_size=2", { token: ADMIN_TOKEN });
    expect(res.status).toBe(200);
    expect(res.body.page).toBe(0);
    expect(res.body.page_size).toBe(2);
    expect(res.body.count).toBeGreaterThanOrEqual(2);
    const ids = res.body.service_plans.map((p: { service_plan_id: string }) => p.service_plan_id);
    // The two newest (two plans made in one millisecond would tie on created_at, then order by id).
    expect([...ids].sort()).toEqual([first.id, second.id].sort());
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(second.webhookSecret);
    expect(text).not.toContain(second.token);
    expect(text).not.toMatch(/token_hash|api_token|webhook_secret/);
    expect(await adminRpc().admin.listServicePlans.query({ page_size: 2 })).toEqual(res.body);
  });

  it("needs the admin token and a valid page size", async () => {
    const plan = await createPlan();
    expect((await call("GET", "/admin/v1/service_plans", { token: plan.token })).status).toBe(401);
    const bad = await call("GET", "/admin/v1/service_plans?page_size=101", { token: ADMIN_TOKEN });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("syntax_constraint_violation");
  });
});

describe("rotating a token", () => {
  it("swaps a live token for a new one in one step; a second rotation of the old one is a 404", async () => {
    const plan = await createPlan();
    const tokens = await call("GET", `/admin/v1/service_plans/${plan.id}/tokens`, { token: ADMIN_TOKEN });
    const [old] = tokens.body as { token_id: string }[];
    if (!old) throw new Error("the plan has no token");
    const path = `/admin/v1/service_plans/${plan.id}/tokens/${old.token_id}/rotate`;
    const rotated = await call("POST", path, { token: ADMIN_TOKEN });
    expect(rotated.status).toBe(201);
    expect(rotated.body.api_token).toMatch(/^[0-9a-f]{32}$/);
    expect((await call("GET", `/xms/v1/${plan.id}/groups`, { token: plan.token })).status).toBe(401);
    expect((await call("GET", `/xms/v1/${plan.id}/groups`, { token: rotated.body.api_token })).status).toBe(
      200,
    );
    const again = await call("POST", path, { token: ADMIN_TOKEN });
    expect(again.status).toBe(404);
    const after = await call("GET", `/admin/v1/service_plans/${plan.id}/tokens`, { token: ADMIN_TOKEN });
    expect(after.body).toHaveLength(2);
  });

  it("rotates over tRPC too, and never another plan's token", async () => {
    const [a, b] = [await createPlan(), await createPlan()];
    const [bToken] = await adminRpc().admin.listTokens.query({ service_plan_id: b.id });
    if (!bToken) throw new Error("plan b has no token");
    await expect(
      adminRpc().admin.rotateToken.mutate({ service_plan_id: a.id, token_id: bToken.token_id }),
    ).rejects.toMatchObject({ data: { httpStatus: 404 } });
    expect((await call("GET", `/xms/v1/${b.id}/groups`, { token: b.token })).status).toBe(200);
    const issued = await adminRpc().admin.rotateToken.mutate({
      service_plan_id: b.id,
      token_id: bToken.token_id,
    });
    expect((await call("GET", `/xms/v1/${b.id}/groups`, { token: issued.api_token })).status).toBe(200);
  });
});
