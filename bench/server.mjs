// Bench gateway lifecycle: start `scripts/start.mjs` (wrangler dev) on a free port and fresh state, create plans, stop it.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, healthy, root } from "../scripts/local-gateway.mjs";

// Benches import these from here with the gateway lifecycle.
export { createPlan, root } from "../scripts/local-gateway.mjs";

const START_TIMEOUT_MS = 120_000;
// wrangler keeps watching after a failed build (src/ may be mid-edit); give a fix this long, then give up.
const BUILD_FAILED_GRACE_MS = 20_000;
const LOG_LINES = 60;

/** KEY=value pairs of .dev.vars (written by scripts/start.mjs on its first run). */
export function readDevVars() {
  const file = path.join(root, ".dev.vars");
  const vars = {};
  if (!existsSync(file)) return vars;
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*"?(.*?)"?\s*$/.exec(line);
    if (m) vars[m[1]] = m[2];
  }
  return vars;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Where bench gateways keep their throwaway local state: in RAM (/dev/shm) where the machine has it, else the temp
 * dir; BENCH_STATE_DIR picks another parent (e.g. /tmp, to measure on disk). workerd runs local SQLite (D1 and the
 * queue objects) on its one thread, so on disk every commit's flush stalls every isolate (measured here: 2.8
 * fsyncs per one-recipient send, about 0.6 ms each). A deployed Worker does not wait for flushes on its thread.
 */
export const BENCH_STATE_DIR =
  process.env.BENCH_STATE_DIR || (existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir());

/** A fresh state folder under BENCH_STATE_DIR; the caller removes it. */
export const benchStateFolder = (prefix) => mkdtempSync(path.join(BENCH_STATE_DIR, prefix));

/**
 * Spawns `node scripts/start.mjs [...args]` (args go on to wrangler dev) in its own process group with PORT
 * set and its local D1 + Durable Object state in a fresh folder (benchStateFolder), and resolves once `/health` answers.
 * The returned `stop()` kills the whole group (start.mjs, wrangler, workerd, esbuild) and deletes that dir.
 */
export async function startGateway({ log = () => {}, args = [] } = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const persistTo = benchStateFolder("gateway-bench-");
  const child = spawn(process.execPath, [path.join(root, "scripts", "start.mjs"), ...args], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      PERSIST_TO: persistTo,
      CI: "true",
      WRANGLER_SEND_METRICS: "false",
      // wrangler dev's local trace store writes every request to SQLite: a dev-tool cost a deployed Worker
      // does not pay. Off unless X_LOCAL_OBSERVABILITY=true is set explicitly.
      X_LOCAL_OBSERVABILITY: process.env.X_LOCAL_OBSERVABILITY ?? "false",
    },
  });
  const tail = [];
  let ready = false;
  let buildFailedAt = 0;
  // wrangler dev watches src/: edits made while the bench runs rebuild and restart the Worker.
  let reloads = 0;
  let exited = null;
  const partial = { stdout: "", stderr: "" };
  const onData = (stream) => (chunk) => {
    const lines = (partial[stream] + chunk.toString("utf8")).split(/\r?\n/);
    partial[stream] = lines.pop();
    for (const line of lines) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > LOG_LINES) tail.shift();
      if (line.includes("Ready on")) ready = true;
      if (line.includes("Build failed")) buildFailedAt ||= Date.now();
      if (ready && /Reloading local server|Detected changes|Build failed/.test(line)) reloads++;
    }
  };
  // Always drain the pipes: a full pipe would block wrangler mid-benchmark.
  child.stdout.on("data", onData("stdout"));
  child.stderr.on("data", onData("stderr"));
  const exitPromise = new Promise((resolve) =>
    child.on("exit", (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    }),
  );

  const killGroup = (signal) => {
    if (exited) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Group already gone.
    }
  };
  const removeState = () => rmSync(persistTo, { recursive: true, force: true });
  // Last resort if the bench dies without calling stop(): synchronous, so it runs inside 'exit'.
  const onExit = () => {
    killGroup("SIGKILL");
    removeState();
  };
  process.on("exit", onExit);

  let stopping = null;
  const stop = () => {
    stopping ??= (async () => {
      killGroup("SIGTERM");
      const done = await Promise.race([exitPromise, sleep(5000).then(() => null)]);
      // Group-kill stragglers too (workerd children outlive start.mjs if it exits first).
      try {
        process.kill(-child.pid, done ? "SIGTERM" : "SIGKILL");
      } catch {
        // Nothing left.
      }
      if (!done) await Promise.race([exitPromise, sleep(2000)]);
      process.off("exit", onExit);
      removeState();
    })();
    return stopping;
  };

  const started = Date.now();
  log(
    `starting gateway: node scripts/start.mjs${args.map((a) => ` ${a}`).join("")} (PORT=${port}, PERSIST_TO=${persistTo}, X_LOCAL_OBSERVABILITY=${process.env.X_LOCAL_OBSERVABILITY ?? "false"}) ...`,
  );
  try {
    while (true) {
      if (exited) throw new Error(`scripts/start.mjs exited early (${JSON.stringify(exited)})`);
      if (Date.now() - started > START_TIMEOUT_MS) throw new Error("gateway did not become ready in time");
      if (buildFailedAt && Date.now() - buildFailedAt > BUILD_FAILED_GRACE_MS)
        throw new Error("wrangler could not build the Worker (see the build error below)");
      // "Ready on" is the signal; /health confirms the router answers (and covers a silenced log).
      if ((ready || Date.now() - started > 5000) && (await healthy(base))) break;
      await sleep(250);
    }
  } catch (error) {
    await stop();
    error.message += `\n--- last gateway output ---\n${tail.join("\n")}`;
    throw error;
  }
  log(`gateway ready on ${base} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // start.mjs runs wrangler (and so workerd) in a process group of its own: count both groups as the gateway.
  const pid = [child.pid, ...childGroups(child.pid)];
  return { base, port, pid, persistTo, stop, reloads: () => reloads, tail: () => tail.join("\n") };
}

/** The process groups of the direct children of `parent` (Linux /proc; none elsewhere). */
function childGroups(parent) {
  const groups = new Set();
  try {
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const f = readFileSync(`/proc/${name}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
        if (Number(f[1]) === parent) groups.add(Number(f[2]));
      } catch {
        // exited meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return [...groups];
}
