// Vitest global setup (Node): two real gateways under wrangler dev for the Sinch-upstream round trip:
// A forwards to B as if B were Sinch (simulator mode), B calls A's webhook back.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const wrangler = path.join(root, "node_modules", "wrangler", "bin", "wrangler.js");
export const E2E_ADMIN_TOKEN = "e2e-admin-token";

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

async function waitHealthy(url, child, log) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`gateway exited early:\n${log.join("")}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`gateway at ${url} did not start:\n${log.join("")}`);
}

async function startGateway(name, port, vars) {
  const dir = mkdtempSync(path.join(tmpdir(), `gateway-e2e-${name}-`));
  const envFile = path.join(dir, "empty.env");
  writeFileSync(envFile, "");
  const env = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", X_LOCAL_OBSERVABILITY: "false" };
  // wrangler.toml's required secrets are read from the process environment when no .dev.vars is used, and would
  // win over the --var values below (a shell that loaded .dev.vars has them).
  for (const name of ["ADMIN_TOKEN", "UPSTREAM_ENCRYPTION_KEY"]) delete env[name];
  const migrate = spawnSync(
    process.execPath,
    [wrangler, "d1", "migrations", "apply", "DB", "--local", "--persist-to", dir],
    {
      cwd: root,
      env,
      encoding: "utf8",
    },
  );
  if (migrate.status !== 0) throw new Error(`migrations failed for ${name}: ${migrate.stderr}`);
  const args = [
    wrangler,
    "dev",
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--persist-to",
    dir,
    "--env-file",
    envFile,
  ];
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
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitHealthy(url, child, log);
  } catch (error) {
    stop();
    throw error;
  }
  return { url, stop };
}

export default async function setup(project) {
  const [portA, portB] = [await freePort(), await freePort()];
  // Both gateways call each other on 127.0.0.1: private callback addresses must be allowed, as in local development.
  const common = {
    ADMIN_TOKEN: E2E_ADMIN_TOKEN,
    SIMULATOR_DELIVERY_DELAY_MS: "0",
    CALLBACK_ALLOW_PRIVATE: "true",
  };
  const [a, b] = await Promise.all([
    startGateway("a", portA, {
      ...common,
      UPSTREAM_ENCRYPTION_KEY: "e2e-upstream-encryption-key",
      PUBLIC_URL: `http://127.0.0.1:${portA}`,
    }),
    startGateway("b", portB, common),
  ]);
  project.provide("gatewayA", a.url);
  project.provide("gatewayB", b.url);
  project.provide("e2eAdminToken", E2E_ADMIN_TOKEN);
  return () => {
    a.stop();
    b.stop();
  };
}
