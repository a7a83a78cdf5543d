// CPU contention probe (Linux /proc): how much CPU processes outside the bench and its gateway used during a window.
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { workerdProcesses } from "./rss.mjs";

const HZ = 100; // USER_HZ on Linux

function machineBusyTicks() {
  const [, ...f] = readFileSync("/proc/stat", "utf8").split("\n", 1)[0].trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal
  return f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] ?? 0);
}

/** utime+stime per pid of this process and of every process in the process group(s) `pgid` (the gateway). */
function ownTicks(pgid) {
  const groups = new Set([pgid].flat());
  const ticks = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(name) === process.pid || groups.has(Number(f[2])))
      ticks.set(name, Number(f[11]) + Number(f[12]));
  }
  return ticks;
}

/** Ticks our processes used between two snapshots; a process gone meanwhile (a workerd reload) counts 0. */
function ownDelta(before, after) {
  let sum = 0;
  for (const [pid, t] of after) sum += Math.max(0, t - (before.get(pid) ?? 0));
  return sum;
}

/**
 * Starts a window; the returned function ends it and gives the share of the whole machine (0-100 %)
 * that other processes used meanwhile, or null where /proc is unavailable.
 */
export function cpuWindow(pgid) {
  let start;
  try {
    start = { at: performance.now(), busy: machineBusyTicks(), own: ownTicks(pgid) };
  } catch {
    return () => null;
  }
  return () => {
    const seconds = (performance.now() - start.at) / 1000;
    const others = machineBusyTicks() - start.busy - ownDelta(start.own, ownTicks(pgid));
    return Math.min(100, Math.max(0, (others / HZ / seconds / os.cpus().length) * 100));
  };
}

/**
 * CPU milliseconds used so far, by part: `runtime` (the Worker's workerd: isolates, Durable Objects, local D1),
 * `proxy` (wrangler's dev proxy workerd), `wrangler` (the gateway's other processes: wrangler's Node, which
 * prints the log) and `client` (this process). Null where /proc is unavailable.
 */
export function gatewayCpuMs(pgid) {
  try {
    const ticks = ownTicks(pgid);
    const workerd = new Map(workerdProcesses(pgid).map((p) => [p.pid, p.runtime ? "runtime" : "proxy"]));
    const used = { runtime: 0, proxy: 0, wrangler: 0 };
    for (const [pid, t] of ticks) {
      if (Number(pid) === process.pid) continue;
      used[workerd.get(pid) ?? "wrangler"] += (t * 1000) / HZ;
    }
    const self = process.cpuUsage();
    return { ...used, client: (self.user + self.system) / 1000 };
  } catch {
    return null;
  }
}
