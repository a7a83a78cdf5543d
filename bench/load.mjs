// Load generation: a keep-alive HTTP client, a closed-loop runner (N workers, warm-up + measured window), percentiles.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { gunzipSync } from "node:zlib";

/** A minimal keep-alive HTTP/1.1 client on node:http (cheaper per request than fetch on a shared CPU). */
export function createClient(base, { connections = 32 } = {}) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  /** @returns {Promise<{status: number, body: string}>} */
  const request = (method, path, { headers = {}, body } = {}) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(body);
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: payload ? { ...headers, "content-length": payload.length } : headers,
        },
        (res) => {
          const chunks = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => {
            // Asked for with accept-encoding; decoded here, inside the timed request, as a client must.
            const raw = Buffer.concat(chunks);
            const gzip = res.headers["content-encoding"] === "gzip";
            resolve({
              status: res.statusCode,
              body: (gzip ? gunzipSync(raw) : raw).toString("utf8"),
              wireBytes: raw.length,
            });
          });
          res.on("error", reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${method} ${path}`)));
      req.on("error", reject);
      req.end(payload);
    });
  return { request, close: () => agent.destroy() };
}

/** Nearest-rank percentile of an ascending-sorted array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/**
 * Closed loop: `concurrency` workers each await `step()` back to back for warm-up + measured time.
 * Only requests that start and finish inside the measured window count; `step` returns true on success.
 * `window.start` and `window.end`, when given, are called as the measured window opens and closes.
 */
export async function closedLoop({ concurrency, warmupMs, measureMs, step, window }) {
  const t0 = performance.now();
  const measureStart = t0 + warmupMs;
  const measureEnd = measureStart + measureMs;
  if (window) {
    setTimeout(window.start, warmupMs);
    setTimeout(window.end, warmupMs + measureMs);
  }
  const latencies = [];
  let ok = 0;
  let errors = 0;
  let firstError = null;

  const worker = async () => {
    while (true) {
      const start = performance.now();
      if (start >= measureEnd) return;
      let success;
      try {
        success = await step();
      } catch (error) {
        success = false;
        firstError ??= error.message;
      }
      const end = performance.now();
      if (start < measureStart || end > measureEnd) continue;
      if (success === true) {
        ok++;
        latencies.push(end - start);
      } else {
        errors++;
        if (typeof success === "string") firstError ??= success;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const { p50, p99 } = summarize(latencies);
  return { rps: ok / (measureMs / 1000), ok, errors, firstError, p50, p99 };
}

/** Sequential: `warmup` untimed calls, then `iterations` timed ones; throws on the first failure. */
export async function sequential({ iterations, warmup = 2, step, check = (result) => result }) {
  const latencies = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const start = performance.now();
    const answer = await step(i);
    const end = performance.now();
    // Checking an answer (e.g. parsing a large body) is the client's work, outside the timed request.
    const result = check(answer);
    if (result !== true) throw new Error(typeof result === "string" ? result : "request failed");
    if (i >= warmup) latencies.push(end - start);
  }
  return summarize(latencies);
}
