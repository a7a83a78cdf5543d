// `npm run bench`: HTTP load and latency scenarios on one local gateway, the delivery engine on another, live events on a
// third, bench/text.ts, then the in-process test gateway's start and stop times.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { baselineGrowth } from "./baseline.mjs";
import { consoleBench } from "./console.mjs";
import { cpuWindow, gatewayCpuMs } from "./cpu.mjs";
import { ENGINE_GATEWAY_ARGS, engineBench, reportEngine } from "./engine.mjs";
import { eventsBench, reportEvents } from "./events.mjs";
import { scenarios } from "./http-scenarios.mjs";
import { closedLoop, createClient, sequential } from "./load.mjs";
import { memoryBench, reportOps, statsQueryBench } from "./ops.mjs";
import { BENCH_STATE_DIR, createPlan, readDevVars, root, startGateway } from "./server.mjs";
import { testingGatewayBench } from "./testing-gateway.mjs";

const num = (name, fallback) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const MEASURE_S = num("BENCH_SECONDS", 8);
const WARMUP_S = num("BENCH_WARMUP_SECONDS", 3);
const CONCURRENCY = Math.round(num("BENCH_CONCURRENCY", 32));
const ITERATIONS = Math.round(num("BENCH_ITERATIONS", 30));
// The stats figures are medians of small differences on a noisy shared machine: more samples, a steadier median.
const STATS_ITERATIONS = Math.round(num("BENCH_STATS_ITERATIONS", 200));
const GOAL_RATIO = 50; // % of the /health ceiling
const GOAL_P99_MS = 50;

const log = (msg) => console.log(`  · ${msg}`);
const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : "n/a");
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const verdict = (ok) => (ok ? "PASS" : "MISS");

let gateway = null;
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the gateway ...`);
    await gateway?.stop();
    process.exit(130);
  });
}

async function httpBench() {
  const admin = readDevVars().ADMIN_TOKEN;
  gateway = await startGateway({ log });
  // start.mjs writes .dev.vars on its first run, so read it again if it was missing before.
  const adminToken = admin ?? readDevVars().ADMIN_TOKEN;
  if (!adminToken) throw new Error(".dev.vars has no ADMIN_TOKEN");
  const plan = await createPlan(gateway.base, adminToken);
  // (b2) gets a plan (and so a SendQueue) of its own: nothing it schedules touches the others.
  const laterPlan = await createPlan(gateway.base, adminToken);
  log(`fresh service plans ${plan.planId}, ${laterPlan.planId} for (b2) (rate_limit 0)`);

  const client = createClient(gateway.base, { connections: CONCURRENCY });
  const s = scenarios(client, plan);
  const later = scenarios(client, laterPlan);
  try {
    console.log(
      `\nHTTP load: closed loop, ${CONCURRENCY} workers, keep-alive, ${WARMUP_S} s warm-up + ${MEASURE_S} s measured each`,
    );
    const load = [
      ["(a) GET /health (ceiling)", s.health],
      // Before (b): (b)'s batches are delivered during and after it, which would compete with (b2).
      ["(b2) REST sendBatch, 1 rcpt, +1 h", later.restSendLater],
      ["(b) REST sendBatch, 1 recipient", s.restSend],
      ["(c) tRPC batches.send, 1 recipient", s.trpcSend],
      // The ceiling again: its drift shows whether the machine stayed quiet (the CPU is shared).
      ["(a') GET /health again", s.health],
    ];
    const results = [];
    for (const [name, step] of load) {
      log(`running ${name} ...`);
      const endCpu = cpuWindow(gateway.pid);
      const reloadsBefore = gateway.reloads();
      const cpu = {};
      const r = await closedLoop({
        concurrency: CONCURRENCY,
        warmupMs: WARMUP_S * 1000,
        measureMs: MEASURE_S * 1000,
        step,
        window: {
          start: () => (cpu.start = gatewayCpuMs(gateway.pid)),
          end: () => (cpu.end = gatewayCpuMs(gateway.pid)),
        },
      });
      results.push({
        name,
        ...r,
        others: endCpu(),
        cpuPerRequest: cpuPerRequest(cpu, r.ok + r.errors),
        reloads: gateway.reloads() - reloadsBefore,
      });
    }

    // At least 100 batches must exist for a full page; the load phase normally made thousands.
    for (let i = 0; i < 100 && (await s.list100()) !== true; i++) await s.restSend();
    log(`running single-request latencies (${ITERATIONS} iterations each) ...`);
    const one = await sequential({ iterations: ITERATIONS, step: s.restSend });
    const big = await sequential({ iterations: ITERATIONS, step: s.bigSend });
    const list = await sequential({ iterations: ITERATIONS, step: s.list100 });
    return { results, one, big, list };
  } finally {
    client.close();
  }
}

/** CPU ms per request in the measured window, by part (see gatewayCpuMs), or null without /proc. */
function cpuPerRequest({ start, end }, requests) {
  if (!start || !end || requests === 0) return null;
  const per = {};
  for (const part of Object.keys(start)) per[part] = (end[part] - start[part]) / requests;
  per.total = Object.values(per).reduce((a, b) => a + b, 0);
  return per;
}

function reportCpu(results) {
  const ceiling = results[0]?.cpuPerRequest;
  if (!ceiling) return;
  const parts = ["runtime", "proxy", "wrangler", "client", "total"];
  console.log(
    "\nCPU per request in the measured window (ms, /proc): what each scenario costs, less noisy than req/s",
  );
  console.log(`${pad("scenario", 36)}${parts.map((p) => lpad(p, 9)).join("")}${lpad("(a)/total", 11)}`);
  for (const r of results) {
    const c = r.cpuPerRequest;
    if (!c) continue;
    const share = `${((ceiling.total / c.total) * 100).toFixed(1)}%`;
    console.log(`${pad(r.name, 36)}${parts.map((p) => lpad(c[p].toFixed(2), 9)).join("")}${lpad(share, 11)}`);
  }
  console.log(
    "  runtime = the Worker's workerd (isolates, Durable Objects, local D1); proxy = wrangler's dev proxy; wrangler = its Node",
  );
  console.log(
    "  process (prints the log); (a)/total = the share of the ceiling a scenario would reach if CPU alone limited it",
  );
}

function report({ results, one, big, list }) {
  const [first, last] = [results[0], results.at(-1)];
  const ceiling = (first.rps + last.rps) / 2;
  const drift = (Math.abs(first.rps - last.rps) / ceiling) * 100;
  const line = "-".repeat(102);
  console.log(`\n${line}`);
  console.log(
    `${pad("scenario", 36)}${lpad("req/s", 9)}${lpad("p50 ms", 9)}${lpad("p99 ms", 9)}${lpad("errors", 8)}${lpad("vs ceil", 9)}${lpad("others", 8)}  goal`,
  );
  console.log(line);
  for (const r of results) {
    const isCeiling = r === first || r === last;
    const ratio = (r.rps / ceiling) * 100;
    const goal = isCeiling
      ? ""
      : `>=${GOAL_RATIO}%: ${verdict(ratio >= GOAL_RATIO)}  p99<${GOAL_P99_MS}ms: ${verdict(r.p99 < GOAL_P99_MS)}`;
    console.log(
      `${pad(r.name, 36)}${lpad(r.rps.toFixed(0), 9)}${lpad(ms(r.p50), 9)}${lpad(ms(r.p99), 9)}${lpad(r.errors, 8)}${lpad(`${ratio.toFixed(1)}%`, 9)}${lpad(r.others === null ? "n/a" : `${r.others.toFixed(0)}%`, 8)}  ${goal}`,
    );
  }
  console.log(line);
  console.log(
    `  ceiling = mean of (a) and (a') = ${ceiling.toFixed(0)} req/s; drift between them ${drift.toFixed(1)}%` +
      (drift > 15 ? " (high: something else used the CPU, ratios are unreliable; run again)" : ""),
  );
  console.log(
    "  others = CPU used by processes outside the bench and its gateway during the scenario (% of all cores)",
  );
  for (const r of results)
    if (r.reloads)
      console.log(`  WARNING: wrangler rebuilt/reloaded the Worker during ${r.name} (src/ changed).`);
  if (results.some((r) => r.others > 10))
    console.log("  WARNING: other processes used >10% of the CPU during a scenario; its numbers are skewed.");
  for (const r of results) if (r.firstError) console.log(`  first error in ${r.name}: ${r.firstError}`);
  reportCpu(results);

  console.log(`\nSingle-request latency (sequential, ${ITERATIONS} iterations after 2 warm-up)`);
  console.log(
    `${pad("  REST send, 1 recipient (baseline)", 44)}p50 ${ms(one.p50)} ms   p99 ${ms(one.p99)} ms`,
  );
  console.log(
    `${pad("  REST send, 1000 distinct recipients", 44)}p50 ${ms(big.p50)} ms   p99 ${ms(big.p99)} ms`,
  );
  console.log(
    `${pad("  REST list, page_size=100 (full page)", 44)}p50 ${ms(list.p50)} ms   p99 ${ms(list.p99)} ms`,
  );
  console.log(
    `\nGoal (issue): sendBatch >= ${GOAL_RATIO}% of the /health ceiling and p99 < ${GOAL_P99_MS} ms at concurrency ${CONCURRENCY}.`,
  );
  console.log(
    "  (b) sends now: the engine delivers its batches while the load runs. (b2) schedules them 1 h ahead: acceptance alone.",
  );
  console.log(
    `Note: ${os.cpus().length} CPU core(s) shared by load generator and wrangler dev/workerd; compare ratios, not absolute req/s.`,
  );
  return results.every((r) => r.errors === 0);
}

/**
 * A section on a gateway of its own (receipts at once): `<skipVar>=0` skips it, a failure is reported and
 * fails the run, and the gateway is stopped whatever happens. `report` returns whether goals were met.
 */
async function gatewaySection(title, skipVar, measure, report) {
  console.log(`\n${title}`);
  if (process.env[skipVar] === "0") {
    console.log(`  skipped: ${skipVar}=0`);
    return true;
  }
  try {
    gateway = await startGateway({ log, args: ENGINE_GATEWAY_ARGS });
    const measured = await measure(gateway);
    await gateway.stop();
    gateway = null;
    return report(measured);
  } catch (error) {
    console.error(`\n${title}: bench failed: ${error.stack ?? error}`);
    return false;
  } finally {
    await gateway?.stop();
    gateway = null;
  }
}

const deliveryEngineBench = (adminToken) =>
  gatewaySection(
    "Delivery engine",
    "BENCH_ENGINE",
    (g) => engineBench({ gateway: g, adminToken, log }),
    (measured) => {
      reportEngine(measured);
      return true;
    },
  );

/** BENCH_EVENTS: live-event latency (recorded -> a connected client) and batches with and without a socket. */
const liveEventsBench = (adminToken) =>
  gatewaySection(
    "Live events (bench/events.mjs)",
    "BENCH_EVENTS",
    (g) => eventsBench({ gateway: g, adminToken, log }),
    reportEvents,
  );
/** Stats query latency (BENCH_STATS=0 skips) and memory under a long load (BENCH_MEMORY=0 skips). */
async function opsBench() {
  console.log("\nOperations: statistics and memory");
  const runStats = process.env.BENCH_STATS !== "0";
  const runMemory = process.env.BENCH_MEMORY !== "0";
  if (!runStats && !runMemory) {
    console.log("  skipped: BENCH_STATS=0 BENCH_MEMORY=0");
    return true;
  }
  try {
    gateway = await startGateway({ log });
    // Read after the start: start.mjs writes .dev.vars on its first run.
    const adminToken = readDevVars().ADMIN_TOKEN;
    if (!adminToken) throw new Error(".dev.vars has no ADMIN_TOKEN");
    const stats = runStats
      ? await statsQueryBench({ gateway, adminToken, log, iterations: STATS_ITERATIONS })
      : null;
    const memory = runMemory
      ? await memoryBench({
          gateway,
          adminToken,
          log,
          minutes: num("BENCH_MEMORY_MINUTES", 10),
          settleS: num("BENCH_MEMORY_SETTLE_SECONDS", 30),
          concurrency: Math.round(num("BENCH_MEMORY_CONCURRENCY", 8)),
        })
      : null;
    if (memory) {
      // The gateway's runtime first: two workerd runtimes at once would share the 2 cores.
      await gateway.stop();
      gateway = null;
      memory.control = await baselineGrowth({
        seconds: num("BENCH_MEMORY_CONTROL_SECONDS", 60),
        settleS: 10,
        concurrency: Math.round(num("BENCH_MEMORY_CONCURRENCY", 8)),
        log,
      });
    }
    reportOps({ stats, memory });
    return memory === null || memory.errors === 0;
  } catch (error) {
    console.error(`\nOperations bench failed: ${error.stack ?? error}`);
    return false;
  } finally {
    await gateway?.stop();
    gateway = null;
  }
}

function textBench() {
  const script = path.join(root, "bench", "text.ts");
  console.log("\nText engine bench (bench/text.ts)");
  if (process.env.BENCH_TEXT === "0") {
    console.log("  skipped: BENCH_TEXT=0");
    return true;
  }
  if (!existsSync(script)) {
    console.log("  skipped: bench/text.ts does not exist yet");
    return true;
  }
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const res = spawnSync(process.execPath, [tsx, script], { cwd: root, stdio: "inherit" });
  if (res.status !== 0) console.log(`  bench/text.ts failed (status ${res.status}, signal ${res.signal})`);
  return res.status === 0;
}

class SkipHttp extends Error {}

const loadavg = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(" ");
console.log(
  `Gateway benchmark — Node ${process.version}, ${os.cpus().length} CPU(s), ${os.cpus()[0]?.model ?? ""}`,
);
console.log(`  · load average before: ${loadavg()} (other CPU-heavy processes skew the numbers)`);
console.log(
  `  · gateway state in ${BENCH_STATE_DIR}${BENCH_STATE_DIR === "/dev/shm" ? " (RAM: local SQLite flushes would stall workerd's one thread; BENCH_STATE_DIR=/tmp measures on disk)" : ""}`,
);
let ok = true;
try {
  if (process.env.BENCH_HTTP === "0") throw new SkipHttp();
  const measured = await httpBench();
  await gateway.stop();
  gateway = null;
  ok = report(measured);
} catch (error) {
  if (error instanceof SkipHttp) console.log("\nHTTP load: skipped: BENCH_HTTP=0");
  else {
    console.error(`\nHTTP bench failed: ${error.stack ?? error}`);
    ok = false;
  }
} finally {
  await gateway?.stop();
}
const adminToken = readDevVars().ADMIN_TOKEN;
if (!interrupted && adminToken) {
  ok = (await deliveryEngineBench(adminToken)) && ok;
  if (!interrupted) ok = (await liveEventsBench(adminToken)) && ok;
} else if (!interrupted) {
  console.error("\nDelivery engine and live-events benches: .dev.vars has no ADMIN_TOKEN");
  ok = false;
}
if (!interrupted) ok = (await opsBench()) && ok;
if (!interrupted) {
  ok = textBench() && ok;
  ok = (await consoleBench()) && ok;
  if (process.env.BENCH_TESTING_GATEWAY !== "0") ok = (await testingGatewayBench()) && ok;
  process.exitCode = ok ? 0 : 1;
}
