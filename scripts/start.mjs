// `npm start`: local gateway in one command — .dev.vars bootstrapped, local D1 migrated, dev plan and token seeded, wrangler dev.
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { constants as osConstants } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
// The /docs viewer is copied and the console built (then rebuilt on change) before wrangler serves public/.
import { copyDocsViewer, watchConsole } from "./build-assets.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const wrangler = path.join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const varsFile = path.join(root, ".dev.vars");
const port = process.env.PORT ?? "8787";
// PERSIST_TO keeps local D1 and Durable Object state in another folder (benchmarks use a throwaway one).
const persist = process.env.PERSIST_TO ? ["--persist-to", process.env.PERSIST_TO] : [];
// How often the scheduled handler (the watchdog) runs, as the production cron does; tests shorten it.
const WATCHDOG_INTERVAL_MS = Number(process.env.WATCHDOG_INTERVAL_MS) || 60_000;
// How long wrangler and workerd get to stop after a signal before they are killed (under bench/server.mjs's 5 s).
const STOP_GRACE_MS = 4_000;
// Anything after `npm start --` goes to wrangler dev, e.g. `--var SIMULATOR_DELIVERY_DELAY_MS:0`.
const passThrough = process.argv.slice(2);

/** The random local secrets and ids `npm start` fills in when .dev.vars lacks them. */
const GENERATED = {
  ADMIN_TOKEN: () => randomBytes(24).toString("hex"),
  DEV_SERVICE_PLAN_ID: () => randomBytes(16).toString("hex"),
  DEV_API_TOKEN: () => randomBytes(16).toString("hex"),
  DEV_WEBHOOK_SECRET: () => randomBytes(32).toString("hex"),
  UPSTREAM_ENCRYPTION_KEY: () => randomBytes(32).toString("base64"),
};

/**
 * Reads .dev.vars (KEY=value lines) and appends what is missing, keeping every existing line. A new file also
 * lets callbacks reach local receivers (CALLBACK_ALLOW_PRIVATE="true"); an existing one is never changed there,
 * so deleting that line or setting it to "false" sticks.
 */
function ensureDevVars() {
  const vars = new Map();
  const existed = existsSync(varsFile);
  if (existed) {
    for (const line of readFileSync(varsFile, "utf8").split(/\r?\n/)) {
      const m = /^\s*([A-Z0-9_]+)\s*=\s*"?(.*?)"?\s*$/.exec(line);
      if (m) vars.set(m[1], m[2]);
    }
  }
  const added = [];
  for (const [key, make] of Object.entries(GENERATED)) {
    if (vars.get(key)) continue;
    vars.set(key, make());
    added.push(`${key}="${vars.get(key)}"`);
  }
  if (!existed) {
    vars.set("CALLBACK_ALLOW_PRIVATE", "true");
    added.push('CALLBACK_ALLOW_PRIVATE="true"');
    const header = "# Local secrets for npm start (git-ignored). Delete a line to regenerate it.\n";
    writeFileSync(varsFile, `${header}${added.join("\n")}\n`);
  } else if (added.length > 0) {
    const before = readFileSync(varsFile, "utf8");
    appendFileSync(varsFile, `${before === "" || before.endsWith("\n") ? "" : "\n"}${added.join("\n")}\n`);
  }
  return { vars: Object.fromEntries(vars), created: !existed, added: added.length };
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

copyDocsViewer();
const consoleWatcher = await watchConsole();
const { vars, created, added } = ensureDevVars();
console.log(
  created
    ? "Wrote .dev.vars with new local secrets."
    : `Using .dev.vars${added ? ` (added ${added} missing values)` : ""}.`,
);
run(["d1", "migrations", "apply", "DB", "--local", ...persist]);
seedDevPlan(vars);

const base = `http://127.0.0.1:${port}`;
console.log(`
Sinch-compatible SMS gateway (simulator upstream)
  base URL         ${base}/xms/v1/${vars.DEV_SERVICE_PLAN_ID}
  service plan id  ${vars.DEV_SERVICE_PLAN_ID}
  API token        ${vars.DEV_API_TOKEN}
  admin token      ${vars.ADMIN_TOKEN}
  console          ${base}/console/  (sign in with the plan id and API token above)
  tRPC             ${base}/trpc
  API reference    ${base}/docs  (OpenAPI: ${base}/openapi.json)

Load these into another shell (from this folder):
  set -a; . ./.dev.vars; set +a

Try it:
  curl -s -X POST ${base}/xms/v1/${vars.DEV_SERVICE_PLAN_ID}/batches \\
    -H "Authorization: Bearer ${vars.DEV_API_TOKEN}" -H "Content-Type: application/json" \\
    -d '{"from":"12345","to":["46701234567"],"body":"Hello from the gateway"}'

Stop with Ctrl-C (or SIGTERM to this process): wrangler and workerd stop with it.
`);

// wrangler dev and everything it starts (workerd, esbuild) get a process group of their own, so stopping
// `npm start` can stop all of them: wrangler alone does not always take workerd down with it.
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
  {
    cwd: root,
    detached: true,
    // Piped (see relay below); colours stay on when this terminal has them.
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: "false",
      ...(process.stdout.isTTY && process.env.FORCE_COLOR === undefined && { FORCE_COLOR: "1" }),
    },
  },
);

/** Sends a signal to wrangler's whole process group; false once no process of it is left. */
function signalGroup(signal) {
  try {
    process.kill(-dev.pid, signal);
    return true;
  } catch {
    return false;
  }
}

// The watchdog, as the cron trigger runs it in production (wrangler dev does not run crons by itself): a batch
// whose queue notification was lost is picked up within about a minute. Quiet while wrangler starts and whenever
// it succeeds; one line when it fails.
let watchdogReached = false;
let watchdogBusy = false;
const watchdog = setInterval(async () => {
  if (watchdogBusy) return;
  watchdogBusy = true;
  try {
    const res = await fetch(`${base}/__scheduled?cron=${encodeURIComponent("* * * * *")}`, {
      signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer();
    watchdogReached = true;
    if (!res.ok) console.error(`watchdog: the scheduled handler answered HTTP ${res.status}`);
  } catch (error) {
    if (watchdogReached)
      console.error(`watchdog: the scheduled handler failed (${error.cause?.code ?? error.message})`);
  } finally {
    watchdogBusy = false;
  }
}, WATCHDOG_INTERVAL_MS);

/** Copies wrangler's output line by line, leaving out its log line of each successful watchdog run. */
function relay(from, to) {
  const lines = createInterface({ input: from, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on("line", (line) => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: wrangler colours its log lines
    if (!/ \/__scheduled\S* 2\d\d /.test(line.replace(/\x1b\[[0-9;]*m/g, ""))) to.write(`${line}\n`);
  });
}
relay(dev.stdout, process.stdout);
relay(dev.stderr, process.stderr);

let stopping = false;
/** Forwards a signal to the group, waits until every process in it is gone (SIGKILL after a grace), exits. */
function stop(signal, exitCode) {
  if (stopping) return;
  stopping = true;
  clearInterval(watchdog);
  void consoleWatcher.close();
  signalGroup(signal);
  const deadline = Date.now() + STOP_GRACE_MS;
  const poll = setInterval(() => {
    if (signalGroup(0) === false) {
      clearInterval(poll);
      process.exit(exitCode);
    } else if (Date.now() > deadline) {
      signalGroup("SIGKILL");
    }
  }, 100);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"])
  process.on(signal, () => stop(signal, 128 + osConstants.signals[signal]));
// wrangler exiting on its own (a config error, a crash) ends the session; whatever it left behind is stopped too.
dev.on("exit", (code) => stop("SIGTERM", code ?? 1));
// Orphaned (npm or the shell above it killed without passing the signal on): stop rather than hold the port.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop("SIGTERM", 143);
}, 1000).unref();
// Last resort if this process dies some other way: synchronous, so it runs inside 'exit'.
process.on("exit", () => signalGroup("SIGKILL"));
