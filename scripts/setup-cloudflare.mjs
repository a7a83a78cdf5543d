// `npm run setup:cloudflare [-- --dry-run] [-- --public-url https://host]`: looks at the Cloudflare account, then
// creates what the gateway lacks there (D1 database, migrations, secrets) and deploys. Safe to run again.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  deployConfigText,
  describeStep,
  findDatabaseId,
  planSetup,
  secretNames,
} from "./setup-cloudflare/plan.ts";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const wrangler = path.join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const argv = process.argv.slice(2);
const dryRun = argv.includes("--dry-run");
const publicUrlAt = argv.indexOf("--public-url");
const publicUrl = publicUrlAt >= 0 ? argv[publicUrlAt + 1] : undefined;
if (publicUrlAt >= 0 && !/^https:\/\/[^/\s]+\/?$/.test(publicUrl ?? "")) {
  console.error(
    "--public-url takes the Worker's origin, e.g. https://sinch-edge-gateway.example.workers.dev",
  );
  process.exit(2);
}

const wranglerToml = readFileSync(path.join(root, "wrangler.toml"), "utf8");
const databaseName = /^\s*database_name\s*=\s*"([^"]+)"/m.exec(wranglerToml)?.[1];
if (!databaseName) throw new Error("wrangler.toml has no database_name");
const options = {
  databaseName,
  deployConfig: "wrangler.deploy.toml",
  secretsFile: path.join(".wrangler", "setup-secrets.json"),
  ...(publicUrl && { publicUrl }),
};
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };

/** Runs wrangler and returns what it printed (for the read-only look at the account). */
function capture(args) {
  const res = spawnSync(process.execPath, [wrangler, ...args], { cwd: root, env, encoding: "utf8" });
  return { ok: res.status === 0, out: res.stdout ?? "", text: `${res.stdout ?? ""}${res.stderr ?? ""}` };
}

/** The account's current state: the database (by name) and the Worker's secret names. */
function observe() {
  const list = capture(["d1", "list", "--json"]);
  if (!list.ok)
    throw new Error(
      `wrangler d1 list failed. Sign in first (npx wrangler login, or set CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID):\n${list.text.trim()}`,
    );
  const secrets = capture(["secret", "list", "--format", "json"]);
  // A Worker that was never deployed has no secrets (Cloudflare's code 10007: this Worker does not exist).
  if (!secrets.ok && !/10007|does not exist|not found/i.test(secrets.text))
    throw new Error(`wrangler secret list failed:\n${secrets.text.trim()}`);
  return {
    databaseId: findDatabaseId(list.out, databaseName),
    secrets: secrets.ok ? secretNames(secrets.out) : [],
  };
}

let state;
try {
  state = observe();
} catch (error) {
  if (!dryRun) {
    console.error(error.message);
    process.exit(1);
  }
  console.error(`${error.message}\n\nShowing the plan for an account that has nothing yet.\n`);
  state = { databaseId: null, secrets: [] };
}

const steps = planSetup(state, options);
console.log(
  `Account: database "${databaseName}" ${state.databaseId ? `exists (${state.databaseId})` : "missing"}; ` +
    `secrets set: ${state.secrets.length ? state.secrets.join(", ") : "none"}.`,
);
if (dryRun) {
  console.log("Would run:");
  for (const step of steps) console.log(`  ${describeStep(step)}`);
  process.exit(0);
}

const generated = {};
try {
  for (const step of steps) {
    console.log(`\n> ${describeStep(step)}`);
    if (step.kind === "wrangler") {
      const res = spawnSync(process.execPath, [wrangler, ...step.args], { cwd: root, env, stdio: "inherit" });
      if (res.status !== 0) throw new Error(`npx wrangler ${step.args.join(" ")} failed (${res.status})`);
    } else if (step.kind === "write-config") {
      // After `d1 create` the id is read back from the account rather than parsed from create's prose.
      const id = step.databaseId ?? observe().databaseId;
      if (!id) throw new Error(`database "${databaseName}" not found after creating it`);
      writeFileSync(path.join(root, step.path), deployConfigText(wranglerToml, id));
    } else {
      const values = { ...step.given };
      for (const name of step.generate) {
        values[name] = randomBytes(32).toString("base64url");
        generated[name] = values[name];
      }
      mkdirSync(path.dirname(path.join(root, step.path)), { recursive: true });
      writeFileSync(path.join(root, step.path), JSON.stringify(values), { mode: 0o600 });
    }
  }
} catch (error) {
  console.error(`\n${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(path.join(root, options.secretsFile), { force: true });
}

if (generated.ADMIN_TOKEN && process.exitCode !== 1)
  console.log(`
ADMIN_TOKEN of the deployed gateway (shown once; it cannot be read back, store it now):
  ${generated.ADMIN_TOKEN}`);
else if (generated.ADMIN_TOKEN)
  console.log(`
The deploy failed after a new ADMIN_TOKEN was generated; it was not kept. Run the setup again.`);
