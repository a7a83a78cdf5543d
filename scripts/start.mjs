// `npm start`: local gateway in one command — .dev.vars bootstrapped, local D1 migrated, dev plan and token seeded, wrangler dev.
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
// The /docs viewer is copied from node_modules before wrangler serves public/.
import "./build-assets.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const wrangler = path.join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const varsFile = path.join(root, ".dev.vars");
const port = process.env.PORT ?? "8787";
// PERSIST_TO keeps local D1 and Durable Object state in another folder (benchmarks use a throwaway one).
const persist = process.env.PERSIST_TO ? ["--persist-to", process.env.PERSIST_TO] : [];
// Anything after `npm start --` goes to wrangler dev, e.g. `--var SIMULATOR_DELIVERY_DELAY_MS:0`.
const passThrough = process.argv.slice(2);

/** Reads .dev.vars (KEY=value lines), fills what is missing with random values, and writes it back. */
function ensureDevVars() {
  const vars = new Map();
  if (existsSync(varsFile)) {
    for (const line of readFileSync(varsFile, "utf8").split(/\r?\n/)) {
      const m = /^\s*([A-Z0-9_]+)\s*=\s*"?(.*?)"?\s*$/.exec(line);
      if (m) vars.set(m[1], m[2]);
    }
  }
  const defaults = {
    ADMIN_TOKEN: () => randomBytes(24).toString("hex"),
    DEV_SERVICE_PLAN_ID: () => randomBytes(16).toString("hex"),
    DEV_API_TOKEN: () => randomBytes(16).toString("hex"),
    DEV_WEBHOOK_SECRET: () => randomBytes(32).toString("hex"),
    UPSTREAM_ENCRYPTION_KEY: () => randomBytes(32).toString("base64"),
  };
  let created = false;
  for (const [key, make] of Object.entries(defaults)) {
    if (!vars.get(key)) {
      vars.set(key, make());
      created = true;
    }
  }
  if (created) {
    const body = [...vars].map(([k, v]) => `${k}=${v}`).join("\n");
    writeFileSync(
      varsFile,
      `# Local secrets for npm start (git-ignored). Delete a line to regenerate it.\n${body}\n`,
    );
  }
  return { vars: Object.fromEntries(vars), created };
}

function run(args) {
  const res = spawnSync(process.execPath, [wrangler, ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
    encoding: "utf8",
  });
  if (res.status !== 0) {
    process.stdout.write(res.stdout ?? "");
    console.error(`wrangler ${args.join(" ")} failed (${res.status})`);
    process.exit(res.status ?? 1);
  }
}

const sqlText = (s) => `'${String(s).replaceAll("'", "''")}'`;

function seedDevPlan(vars) {
  const now = Date.now();
  const tokenHash = createHash("sha256").update(vars.DEV_API_TOKEN).digest("hex");
  const plan = vars.DEV_SERVICE_PLAN_ID;
  const sql = [
    `INSERT INTO service_plans (id, name, rate_limit, default_originator, callback_url, webhook_secret, auto_encoding, created_at, modified_at)
     VALUES (${sqlText(plan)}, 'dev', 30, NULL, NULL, ${sqlText(vars.DEV_WEBHOOK_SECRET)}, 0, ${now}, ${now})
     ON CONFLICT(id) DO UPDATE SET webhook_secret = excluded.webhook_secret`,
    `INSERT INTO api_tokens (id, service_plan_id, token_hash, created_at, revoked_at)
     VALUES ('dev-token-' || ${sqlText(plan)}, ${sqlText(plan)}, ${sqlText(tokenHash)}, ${now}, NULL)
     ON CONFLICT(id) DO UPDATE SET token_hash = excluded.token_hash, revoked_at = NULL`,
  ].join(";\n");
  run(["d1", "execute", "DB", "--local", ...persist, "--command", sql]);
}

const { vars, created } = ensureDevVars();
console.log(created ? "Wrote .dev.vars with new local secrets." : "Using .dev.vars.");
run(["d1", "migrations", "apply", "DB", "--local", ...persist]);
seedDevPlan(vars);

const base = `http://127.0.0.1:${port}`;
console.log(`
Sinch-compatible SMS gateway (simulator upstream)
  base URL         ${base}/xms/v1/${vars.DEV_SERVICE_PLAN_ID}
  service plan id  ${vars.DEV_SERVICE_PLAN_ID}
  API token        ${vars.DEV_API_TOKEN}
  admin token      ${vars.ADMIN_TOKEN}
  tRPC             ${base}/trpc
  API reference    ${base}/docs  (OpenAPI: ${base}/openapi.json)

Try it:
  curl -s -X POST ${base}/xms/v1/${vars.DEV_SERVICE_PLAN_ID}/batches \\
    -H "Authorization: Bearer ${vars.DEV_API_TOKEN}" -H "Content-Type: application/json" \\
    -d '{"from":"12345","to":["46701234567"],"body":"Hello from the gateway"}'
`);

const dev = spawn(
  process.execPath,
  [
    wrangler,
    "dev",
    "--port",
    port,
    "--ip",
    "127.0.0.1",
    "--test-scheduled",
    "--show-interactive-dev-session=false",
    ...persist,
    ...passThrough,
  ],
  { cwd: root, stdio: "inherit", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));
