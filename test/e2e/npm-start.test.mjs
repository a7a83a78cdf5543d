// `npm start` as a user runs it: serves /health, runs the watchdog, and SIGTERM to it leaves no wrangler or
// workerd process behind and the port free.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A TCP port that was free a moment ago on 127.0.0.1 (and whether it still is). */
const listenOnce = (port = 0) =>
  new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(null));
    srv.listen(port, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === "object" && address ? address.port : null));
    });
  });

/**
 * Every process on the machine, from /proc (Linux): pid, ppid, start time (clock ticks since boot, which tells a
 * process apart from a later one with the same pid) and command line.
 */
function processes() {
  const list = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may contain spaces; the fields after it are positional.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const command = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
      list.push({ pid: Number(entry), ppid: Number(fields[1]), start: fields[19] ?? "", command });
    } catch {
      // Gone while we looked.
    }
  }
  return list;
}

/** The processes descended from `pid`. */
function descendants(pid) {
  const all = processes();
  const found = [];
  let frontier = [pid];
  while (frontier.length > 0) {
    const children = all.filter((p) => frontier.includes(p.ppid));
    found.push(...children);
    frontier = children.map((p) => p.pid);
  }
  return found;
}

const stillRunning = (p) => processes().some((q) => q.pid === p.pid && q.start === p.start);

describe.runIf(process.platform === "linux")("npm start", () => {
  const persistTo = mkdtempSync(path.join(tmpdir(), "gateway-npm-start-"));
  let child;
  let tree = [];

  afterAll(() => {
    for (const p of tree.filter(stillRunning)) process.kill(p.pid, "SIGKILL");
    if (child?.exitCode === null) child.kill("SIGKILL");
    rmSync(persistTo, { recursive: true, force: true });
  });

  it("stops wrangler and workerd on SIGTERM and frees the port", async () => {
    const port = await listenOnce();
    expect(port).not.toBeNull();
    const base = `http://127.0.0.1:${port}`;
    child = spawn("npm", ["start"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        PORT: String(port),
        PERSIST_TO: persistTo,
        WATCHDOG_INTERVAL_MS: "1000",
        CI: "true",
        WRANGLER_SEND_METRICS: "false",
      },
    });
    let output = "";
    const collect = (chunk) => {
      output += String(chunk);
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    const exited = new Promise((resolve) => child?.once("exit", () => resolve()));

    const deadline = Date.now() + 150_000;
    let healthy = false;
    while (!healthy && Date.now() < deadline && child.exitCode === null) {
      healthy = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) })
        .then((res) => res.status === 200)
        .catch(() => false);
      if (!healthy) await sleep(500);
    }
    expect(healthy, output).toBe(true);
    expect(output).toContain("set -a; . ./.dev.vars; set +a");
    expect(output).not.toContain("types might be out of date");

    // The watchdog (every second here, every minute by default) reaches the scheduled handler: the route it
    // uses is served, and after several runs it has printed no failure and wrangler no request line for it.
    const scheduled = await fetch(`${base}/__scheduled?cron=${encodeURIComponent("* * * * *")}`);
    expect(scheduled.status).toBe(200);
    await sleep(3500);
    expect(output).not.toContain("watchdog:");
    expect(output).not.toMatch(/GET \/__scheduled/);

    tree = descendants(child.pid);
    expect(
      tree.some((p) => p.command.includes("workerd")),
      JSON.stringify(tree),
    ).toBe(true);
    expect(tree.some((p) => p.command.includes("wrangler"))).toBe(true);

    process.kill(child.pid, "SIGTERM");
    await Promise.race([exited, sleep(20_000)]);
    expect(child.exitCode !== null || child.signalCode !== null, "npm start still running").toBe(true);
    const left = tree.filter(stillRunning);
    expect(left.map((p) => p.command)).toEqual([]);
    expect(await listenOnce(port)).toBe(port);
  });
});
