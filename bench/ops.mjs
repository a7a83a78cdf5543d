// The operations section: stats query latency over a day of minute buckets, and the Worker's memory before, at the
// peak of and after a sustained load (BENCH_MEMORY_MINUTES, default 10).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { readHeaps } from "./heap.mjs";
import { createClient, summarize } from "./load.mjs";
import { rssSampler } from "./rss.mjs";
import { createPlan, root } from "./server.mjs";

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
/** Metrics seeded per minute, as a busy plan's triggers would leave them. */
const SEEDED = [
  ["accepted", 0],
  ["dispatched", 0],
  ["parts", 0],
  ["delivered", 0],
  ["failed", 15],
  ["rejected", 16],
  ["rejected", 408],
  ["inbound", 0],
];
export const OPS_GOALS = { statsP50Ms: 20 };
const mb = (bytes) => (bytes === null || bytes === undefined ? "n/a" : `${(bytes / 2 ** 20).toFixed(1)} MB`);
const kbPer = (bytes, n) => `${(bytes / 1024 / Math.max(n, 1)).toFixed(1)} KB`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Writes 1,440 minutes × SEEDED rows into the gateway's local D1 directly (wrangler d1 execute on its state). */
export function seedStats(persistTo, planId, firstMinute) {
  const values = SEEDED.map(([m, c]) => `('${m}', ${c})`).join(", ");
  const sql = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${DAY_MINUTES - 1}),
    m(metric, code) AS (VALUES ${values})
    INSERT INTO plan_stats (service_plan_id, minute, metric, code, count)
    SELECT '${planId}', ${firstMinute} + i, metric, code, 1 + (i % 7) FROM n, m WHERE true`;
  const wrangler = path.join(root, "node_modules", "wrangler", "bin", "wrangler.js");
  const res = spawnSync(
    process.execPath,
    [wrangler, "d1", "execute", "DB", "--local", "--persist-to", persistTo, "--command", sql],
    { cwd: root, encoding: "utf8", env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" } },
  );
  if (res.status !== 0) throw new Error(`seeding plan_stats failed: ${res.stderr || res.stdout}`);
}

/**
 * GET /stats for a day of minute buckets, timed sequentially; every answer must hold 1,440 buckets. Timed plain
 * (the goal) and as a browser or fetch() asks (accept-encoding: gzip; the client's gunzip is inside the timing), in
 * turns with the same day in hour buckets (the same D1 read and sums, a sixtieth of the answer) and GET /health
 * (the cost of any request through wrangler dev): the three differences say where the time goes.
 */
export async function statsQueryBench({ gateway, adminToken, log, iterations }) {
  const plan = await createPlan(gateway.base, adminToken);
  const end = Math.floor(Date.now() / MINUTE_MS);
  const start = end - DAY_MINUTES;
  log(`seeding ${DAY_MINUTES} minute buckets × ${SEEDED.length} counters for plan ${plan.planId} ...`);
  seedStats(gateway.persistTo, plan.planId, start);
  // As the production cron would have within a minute: finished minutes folded into hour rows.
  const cron = await fetch(`${gateway.base}/__scheduled?cron=${encodeURIComponent("* * * * *")}`);
  if (!cron.ok) throw new Error(`the scheduled handler answered HTTP ${cron.status}`);
  const client = createClient(gateway.base, { connections: 1 });
  const range = `start_date=${new Date(start * MINUTE_MS).toISOString()}&end_date=${new Date(end * MINUTE_MS).toISOString()}`;
  const auth = { authorization: `Bearer ${plan.token}` };
  const stats =
    (headers, granularity = "minute", buckets = DAY_MINUTES) =>
    async () => {
      const path = `/gateway/v1/${plan.planId}/stats?${range}&granularity=${granularity}`;
      const res = await client.request("GET", path, { headers });
      return {
        res,
        // Checking the answer (parsing 580 KB) is the client's work, outside the timed request.
        check: () => {
          if (res.status !== 200) return `GET stats: HTTP ${res.status} ${res.body.slice(0, 200)}`;
          const n = JSON.parse(res.body).buckets?.length;
          return n === buckets || `GET stats by ${granularity}: ${n} buckets, expected ${buckets}`;
        },
      };
    };
  const health = async () => {
    const res = await client.request("GET", "/health");
    return { res, check: () => res.status === 200 || `GET /health: HTTP ${res.status}` };
  };
  try {
    // In turns, so a slower spell of the shared machine weighs on all three alike; /health is what any request
    // costs through wrangler dev. Twenty turns first: the route's code is compiled and optimised, as in a warm isolate.
    const kinds = {
      gzip: stats({ ...auth, "accept-encoding": "gzip" }),
      identity: stats(auth),
      // Every hour the range touches has counts: 24, or 25 when the range does not start on the hour.
      hours: stats(auth, "hour", Math.floor((end - 1) / 60) - Math.floor(start / 60) + 1),
      health,
    };
    const times = Object.fromEntries(Object.keys(kinds).map((kind) => [kind, []]));
    const wireBytes = {};
    for (let i = 0; i < 20 + iterations; i++)
      for (const [kind, step] of Object.entries(kinds)) {
        const started = performance.now();
        const { res, check } = await step();
        const ms = performance.now() - started;
        const ok = check();
        if (ok !== true) throw new Error(ok);
        wireBytes[kind] = res.wireBytes;
        if (i >= 20) times[kind].push(ms);
      }
    const gzip = { ...summarize(times.gzip), wireBytes: wireBytes.gzip };
    return {
      ...summarize(times.identity),
      wireBytes: wireBytes.identity,
      gzip,
      hours: { ...summarize(times.hours), wireBytes: wireBytes.hours },
      health: summarize(times.health),
      rows: DAY_MINUTES * SEEDED.length,
    };
  } finally {
    client.close();
  }
}

/**
 * Memory: workerd RSS idle (before), its peak during `minutes` of sends (10 recipients each, delivered by the
 * engine meanwhile) and stats reads, and again after the load stopped and the queue drained (`settleS`).
 */
export async function memoryBench({ gateway, adminToken, log, minutes, settleS, concurrency }) {
  const plan = await createPlan(gateway.base, adminToken);
  const client = createClient(gateway.base, { connections: concurrency });
  const headers = { authorization: `Bearer ${plan.token}`, "content-type": "application/json" };
  const rss = rssSampler(gateway.pid, 1000);
  let next = 0;
  let heapTimer = null;
  const send = async () => {
    const base = 46_730_000_000 + (next++ % 100_000) * 10;
    const to = Array.from({ length: 10 }, (_, i) => String(base + i));
    const res = await client.request("POST", `/xms/v1/${plan.planId}/batches`, {
      headers,
      body: JSON.stringify({ from: "12345", to, body: "memory bench" }),
    });
    return res.status === 201 || `POST batches: HTTP ${res.status}`;
  };
  const stats = async () => {
    const res = await client.request("GET", `/gateway/v1/${plan.planId}/stats?granularity=minute`, {
      headers,
    });
    return res.status === 200 || `GET stats: HTTP ${res.status}`;
  };
  try {
    await send(); // the plan's queue object and D1 warm
    await sleep(5_000);
    const before = rss.read();
    const heapBefore = await readHeaps(rss.runtimePid(), { collect: true });
    const heapPeak = { worker: heapBefore?.worker ?? null, all: heapBefore?.all ?? null };
    heapTimer = setInterval(async () => {
      const h = await readHeaps(rss.runtimePid());
      if (!h) return;
      heapPeak.worker = Math.max(heapPeak.worker ?? 0, h.worker ?? 0);
      heapPeak.all = Math.max(heapPeak.all ?? 0, h.all);
    }, 15_000);
    log(
      `memory: load for ${minutes} min at concurrency ${concurrency} (sends of 10 recipients, 1 in 10 a stats read) ...`,
    );
    rss.start();
    const stopAt = Date.now() + minutes * MINUTE_MS;
    const latencies = [];
    let ok = 0;
    let errors = 0;
    let firstError = null;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = 0; Date.now() < stopAt; i++) {
          const t = performance.now();
          const result = await (i % 10 === 9 ? stats() : send()).catch((e) => e.message);
          if (result === true) {
            ok++;
            latencies.push(performance.now() - t);
          } else {
            errors++;
            firstError ??= result;
          }
        }
      }),
    );
    clearInterval(heapTimer);
    log(`memory: load done (${ok} requests, ${errors} errors); settling ${settleS} s ...`);
    await sleep(settleS * 1000);
    const { peak } = rss.stop();
    const after = rss.read();
    const heap = {
      before: heapBefore,
      peak: heapPeak,
      after: await readHeaps(rss.runtimePid(), { collect: true }),
    };
    return { before, peak, after, heap, ok, errors, firstError, ...summarize(latencies) };
  } finally {
    clearInterval(heapTimer);
    rss.stop();
    client.close();
  }
}

export function reportOps({ stats, memory }) {
  if (stats) {
    const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
    console.log(
      `  stats query, ${DAY_MINUTES} minute buckets (${stats.rows} counter rows, ${kb(stats.wireBytes)}; ${stats.count} requests each)   p50 ${stats.p50.toFixed(1)} ms   p99 ${stats.p99.toFixed(1)} ms   goal p50 < ${OPS_GOALS.statsP50Ms} ms: ${stats.p50 < OPS_GOALS.statsP50Ms ? "PASS" : "MISS"}`,
    );
    console.log(
      `  the same asked for gzip (${kb(stats.gzip.wireBytes)}; locally workerd compresses, in production the edge does)   p50 ${stats.gzip.p50.toFixed(1)} ms   p99 ${stats.gzip.p99.toFixed(1)} ms`,
    );
    console.log(
      `  the same day in hour buckets (the same D1 read and sums; ${kb(stats.hours.wireBytes)})   p50 ${stats.hours.p50.toFixed(1)} ms: the 1,440 minute buckets' answer takes ${(stats.p50 - stats.hours.p50).toFixed(1)} ms more`,
    );
    console.log(
      `  GET /health in the same turns (what any request costs through wrangler dev)   p50 ${stats.health.p50.toFixed(1)} ms: auth, the D1 read and the sums take ${(stats.hours.p50 - stats.health.p50).toFixed(1)} ms more`,
    );
  }
  if (memory) {
    const row = (name, v) =>
      console.log(
        `  ${name.padEnd(8)} runtime workerd ${mb(v?.runtime).padStart(10)}   all workerd ${mb(v?.total).padStart(10)}` +
          (v?.runtimeFile != null ? `   runtime file-backed (mapped SQLite files) ${mb(v.runtimeFile)}` : ""),
      );
    console.log(
      `  memory under load: ${memory.ok} requests (${memory.errors} errors), p50 ${memory.p50.toFixed(1)} ms, p99 ${memory.p99.toFixed(1)} ms`,
    );
    row("before", memory.before);
    row("peak", memory.peak);
    row("after", memory.after);
    if (memory.before?.runtime && memory.after?.runtime)
      console.log(
        `  after - before (runtime): ${mb(memory.after.runtime - memory.before.runtime)} (${(((memory.after.runtime - memory.before.runtime) / memory.before.runtime) * 100).toFixed(1)}%), ${kbPer(memory.after.runtime - memory.before.runtime, memory.ok)} per request`,
      );
    const { heap, control } = memory;
    if (heap?.before && heap?.after)
      console.log(
        `  V8 heap (before and after: live objects after a full GC; peak: in use, garbage included), the Worker's isolate: before ${mb(heap.before.worker)}, peak ${mb(heap.peak.worker)}, after ${mb(heap.after.worker)}` +
          `   all isolates of the runtime: before ${mb(heap.before.all)}, peak ${mb(heap.peak.all)}, after ${mb(heap.after.all)}`,
      );
    else console.log("  V8 heap: n/a (workerd's inspector not reachable)");
    if (control?.before && control?.after)
      console.log(
        `  control, a Worker that only answers under the same wrangler dev: ${control.requests} requests, runtime ${mb(control.before)} -> ${mb(control.after)}, ${kbPer(control.after - control.before, control.requests)} per request`,
      );
    if (memory.firstError) console.log(`  first error: ${memory.firstError}`);
  }
}
