// V8 heap of each isolate in the gateway's runtime workerd, read through workerd's own inspector (DevTools protocol).
import { execFileSync } from "node:child_process";

const TIMEOUT_MS = 3000;

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

/** `Runtime.getHeapUsage` of one isolate, or null when it does not answer in time. */
function heapUsage(url) {
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
    const timer = setTimeout(() => done(null), TIMEOUT_MS);
    ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: "Runtime.getHeapUsage" }));
    ws.onmessage = (e) => {
      const m = JSON.parse(String(e.data));
      if (m.id === 1) done(m.result ?? null);
    };
    ws.onerror = () => done(null);
  });
}

/**
 * V8 heap in bytes of the runtime workerd `pid`: `worker` is the gateway's own isolate (`core:user:*`, where the
 * Worker's 128 MB limit applies on Cloudflare), `all` the sum over every isolate (local D1, Durable Objects' hosts,
 * Miniflare's entry). Null when the inspector cannot be reached.
 */
export async function readHeaps(pid) {
  const targets = await inspectorTargets(pid);
  if (!targets) return null;
  let worker = null;
  let all = 0;
  for (const t of targets) {
    const usage = await heapUsage(t.webSocketDebuggerUrl);
    if (!usage) continue;
    all += usage.usedSize;
    if (String(t.id).startsWith("core:user:")) worker = (worker ?? 0) + usage.usedSize;
  }
  return { worker, all };
}
