// Liveness and readiness: /health answers without I/O; /health/ready checks D1, its migrations and a queue object.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const get = (path: string) => exports.default.fetch(new Request(`https://gateway.test${path}`));

describe("health", () => {
  it("is live, and every response carries a request id", async () => {
    const response = await get("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("is ready when D1 answers with every migration applied and a queue object answers", async () => {
    const response = await get("/health/ready");
    expect(await response.json()).toEqual({
      ok: true,
      checks: { database: "ok", migrations: "ok", queue: "ok" },
    });
    expect(response.status).toBe(200);
  });

  it("answers 503 naming the check that failed when a migration is missing", async () => {
    const [last] = (
      await env.DB.prepare("SELECT id, name FROM d1_migrations ORDER BY id DESC LIMIT 1").all<{
        id: number;
        name: string;
      }>()
    ).results;
    if (!last) throw new Error("no migrations recorded");
    await env.DB.prepare("DELETE FROM d1_migrations WHERE id = ?").bind(last.id).run();
    try {
      const response = await get("/health/ready");
      expect(response.status).toBe(503);
      const body = (await response.json()) as { ok: boolean; checks: Record<string, string> };
      expect(body.ok).toBe(false);
      expect(body.checks.database).toBe("ok");
      expect(body.checks.migrations).toMatch(/^behind: applied .*, expected 0\d{3}_/);
    } finally {
      await env.DB.prepare("INSERT INTO d1_migrations (id, name) VALUES (?, ?)")
        .bind(last.id, last.name)
        .run();
    }
  });
});
