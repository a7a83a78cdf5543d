// A throwaway local gateway under `wrangler dev` (fresh state folder, migrations applied, vars given), for tests and benches.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const wrangler = path.join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const START_TIMEOUT_MS = 90_000;

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** True once `GET {url}/health` answers 200. */
export async function healthy(url) {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Applies the migrations to a fresh temp folder and starts `wrangler dev` on it, on `port` (else a free one) of 127.0.0.1,
 * with `vars` as `--var`s (and no .dev.vars: an empty env file, so the developer's own secrets stay out).
 * Resolves once `/health` answers; `stop()` kills wrangler's whole process group and deletes the folder.
 */
export async function startLocalGateway({ name = "gateway", vars = {}, port: wanted } = {}) {
  const port = wanted ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(path.join(tmpdir(), `${name}-`));
  const envFile = path.join(dir, "empty.env");
  writeFileSync(envFile, "");
  const env = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", X_LOCAL_OBSERVABILITY: "false" };
  // wrangler.toml's required secrets are read from the process environment when no .dev.vars is used, and would
  // win over the --var values below (a shell that loaded .dev.vars has them).
  for (const secret of ["ADMIN_TOKEN", "UPSTREAM_ENCRYPTION_KEY"]) delete env[secret];
  const migrate = spawnSync(
    process.execPath,
    [wrangler, "d1", "migrations", "apply", "DB", "--local", "--persist-to", dir],
    { cwd: root, env, encoding: "utf8" },
  );
  if (migrate.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`migrations failed for ${name}: ${migrate.stderr}`);
  }
  const args = [wrangler, "dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", dir];
  args.push("--env-file", envFile, "--show-interactive-dev-session=false");
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = [];
  child.stdout.on("data", (d) => log.push(String(d)));
  child.stderr.on("data", (d) => log.push(String(d)));
  const exited = new Promise((resolve) => child.on("exit", resolve));
  const stop = async () => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
    if (child.exitCode === null && child.signalCode === null) await Promise.race([exited, sleep(2000)]);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await healthy(url))) {
    const failure =
      child.exitCode !== null ? "exited early" : Date.now() > deadline ? "did not start in time" : null;
    if (failure) {
      await stop();
      throw new Error(`gateway ${name} at ${url} ${failure}:\n${log.join("")}`);
    }
    await sleep(250);
  }
  return { url, port, stop, log: () => log.join("") };
}

/** A fresh service plan through the admin API: unthrottled (`rate_limit: 0`) unless `settings` say otherwise. */
export async function createPlan(url, adminToken, settings = {}) {
  const res = await fetch(`${url}/admin/v1/service_plans`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ name: `local-${new Date().toISOString()}`, rate_limit: 0, ...settings }),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST /admin/v1/service_plans -> ${res.status}: ${text}`);
  const plan = JSON.parse(text);
  if (!plan.service_plan_id || !plan.api_token) throw new Error(`unexpected plan response: ${text}`);
  return { planId: plan.service_plan_id, token: plan.api_token };
}
