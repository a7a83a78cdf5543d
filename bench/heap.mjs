// V8 heap of each isolate in the gateway's runtime workerd, read through workerd's own inspector (DevTools protocol).
import { execFileSync } from "node:child_process";

const TIMEOUT_MS = 3000;
const SNAPSHOT_TIMEOUT_MS = 60_000;

/** The loopback ports `pid` listens on (iproute2 `ss`); empty when `ss` is missing. */
function listeningPorts(pid) {
  try {
    const out = execFileSync("ss", ["-ltnpH"], { encoding: "utf8" });
    return [...out.matchAll(new RegExp(`127\\.0\\.0\\.1:(\\d+)\\s.*pid=${pid},`, "g"))].map((m) => m[1]);
  } catch {
    return [];
  }
}

/** workerd's inspector: the port of `pid` whose /json lists its isolates (wrangler starts it on a random port). */
async function inspectorTargets(pid) {
  for (const port of listeningPorts(pid)) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/json`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      const targets = res.ok ? await res.json() : null;
      if (Array.isArray(targets) && targets.some((t) => String(t.id).startsWith("core:"))) return targets;
    } catch {
      // not the inspector
    }
  }
  return null;
}

/**
 * `Runtime.getHeapUsage` of one isolate, or null when it does not answer in time. With `collect`, a heap snapshot
 * is taken first (its chunks discarded): V8 runs a full garbage collection before it, so what is left is what the
 * isolate really retains (workerd's inspector has no HeapProfiler.collectGarbage).
 */
function heapUsage(url, collect) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const done = (value) => {
      clearTimeout(timer);
      try {
        ws.close();
      } catch {
        // already closed
      }
      resolve(value);
    };
    const timer = setTimeout(() => done(null), collect ? SNAPSHOT_TIMEOUT_MS : TIMEOUT_MS);
    const send = (id, method) => ws.send(JSON.stringify({ id, method }));
    ws.onopen = () => (collect ? send(1, "HeapProfiler.enable") : send(3, "Runtime.getHeapUsage"));
    ws.onmessage = (e) => {
      const text = String(e.data);
      if (text.startsWith('{"method"')) return; // snapshot chunks and other notifications
      const m = JSON.parse(text);
      if (m.id === 1) send(2, "HeapProfiler.takeHeapSnapshot");
      if (m.id === 2) send(3, "Runtime.getHeapUsage");
      if (m.id === 3) done(m.result ?? null);
    };
    ws.onerror = () => done(null);
  });
}

/**
 * V8 heap in bytes of the runtime workerd `pid`: `worker` is the gateway's own isolate (`core:user:*`, where the
 * Worker's 128 MB limit applies on Cloudflare), `all` the sum over every isolate (local D1, Durable Objects' hosts,
 * Miniflare's entry). With `collect`, after a full garbage collection. Null when the inspector cannot be reached.
 */
export async function readHeaps(pid, { collect = false } = {}) {
  const targets = await inspectorTargets(pid);
  if (!targets) return null;
  let worker = null;
  let all = 0;
  for (const t of targets) {
    // The first session to an isolate sometimes gets no answer: one more try.
    const usage =
      (await heapUsage(t.webSocketDebuggerUrl, collect)) ??
      (await heapUsage(t.webSocketDebuggerUrl, collect));
    if (!usage) continue;
    all += usage.usedSize;
    if (String(t.id).startsWith("core:user:")) worker = (worker ?? 0) + usage.usedSize;
  }
  return { worker, all };
}
