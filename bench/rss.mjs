// Resident memory (VmRSS, Linux /proc) of the gateway's workerd processes, sampled on a timer.
import { readdirSync, readFileSync } from "node:fs";

/**
 * The workerd processes in the process group(s) `pgid`. wrangler dev runs two: its dev proxy on the public port,
 * and the runtime of the Worker itself (Durable Objects and local D1 included) on a random port (`entry=…:0`).
 */
export function workerdProcesses(pgid) {
  const groups = new Set([pgid].flat());
  const found = [];
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (!groups.has(pgrp) || !comm.startsWith("workerd")) continue;
      const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      found.push({ pid, runtime: args.some((a) => /^--socket-addr=entry=[^:]+:0$/.test(a)) });
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

const statusKb = (pid, field) => {
  const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : 0;
};
const vmRss = (pid) => statusKb(pid, "VmRSS");

function measure(procs) {
  if (procs.length === 0) throw new Error("no workerd process");
  let total = 0;
  let runtime = 0;
  /** Of the runtime's RSS, what is file-backed (mapped files such as the local D1/SQLite databases). */
  let runtimeFile = 0;
  for (const p of procs) {
    const v = vmRss(p.pid);
    total += v;
    if (p.runtime) {
      runtime += v;
      runtimeFile += statusKb(p.pid, "RssFile") + statusKb(p.pid, "RssShmem");
    }
  }
  const hasRuntime = procs.some((p) => p.runtime);
  return {
    total,
    runtime: hasRuntime ? runtime : null,
    runtimeFile: hasRuntime ? runtimeFile : null,
    processes: procs.length,
  };
}

/**
 * Samples VmRSS (bytes) of the group's workerd processes every `intervalMs`: `total` over all of them,
 * `runtime` of the Worker's own. `read()` samples once (null if none is found); `stop()` ends the timer
 * and gives the peaks and the sample count.
 */
export function rssSampler(pgid, intervalMs = 100) {
  let procs = [];
  const peak = { total: null, runtime: null, processes: 0 };
  let samples = 0;
  const read = () => {
    try {
      return measure(procs);
    } catch {
      procs = workerdProcesses(pgid); // first call, or workerd restarted
      try {
        return measure(procs);
      } catch {
        return null;
      }
    }
  };
  const sample = () => {
    const v = read();
    if (v === null) return;
    samples++;
    peak.total = Math.max(peak.total ?? 0, v.total);
    if (v.runtime !== null) peak.runtime = Math.max(peak.runtime ?? 0, v.runtime);
    peak.processes = v.processes;
  };
  let timer = null;
  return {
    read,
    /** The pid of the Worker's runtime workerd (null before the first read finds it). */
    runtimePid: () => procs.find((p) => p.runtime)?.pid ?? null,
    start: () => {
      sample();
      timer ??= setInterval(sample, intervalMs);
    },
    stop: () => {
      clearInterval(timer);
      timer = null;
      sample();
      return { peak, samples };
    },
  };
}
