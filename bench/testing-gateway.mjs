// sinch-edge-gateway/testing: start-to-ready and stop() times of the in-process test gateway (goals < 2 s, < 500 ms).
// `node bench/testing-gateway.mjs` alone, or the last section of `npm run bench`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "../scripts/local-gateway.mjs";

const RUNS = 5;
const GOAL_READY_MS = 2000;
const GOAL_STOP_MS = 500;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const verdict = (ok) => (ok ? "PASS" : "MISS");

export async function testingGatewayBench() {
  console.log("\nTest gateway (sinch-edge-gateway/testing on Miniflare, in this process)");
  const entry = path.join(root, "dist", "testing.js");
  if (!existsSync(entry)) {
    console.log("  · dist/ missing: npm run build ...");
    const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
    if (build.status !== 0) {
      console.log("  npm run build failed");
      return false;
    }
  }
  const { startTestGateway } = await import(pathToFileURL(entry).href);
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const gateway = await startTestGateway();
    const ready = performance.now() - t0;
    // Ready means usable: one send through the typed client, delivered, before stopping.
    const batch = await gateway.client.batches.send.mutate({
      from: "12345",
      to: ["46700000001"],
      body: "bench",
    });
    await gateway.waitForReport(batch.id, { status: "Delivered" });
    const t1 = performance.now();
    await gateway.stop();
    runs.push({ ready, stop: performance.now() - t1 });
  }
  const [first, ...later] = runs;
  const readyLater = median(later.map((r) => r.ready));
  const stopAll = median(runs.map((r) => r.stop));
  const stopMax = Math.max(...runs.map((r) => r.stop));
  console.log(`  · ${RUNS} starts, one after another; load average ${os.loadavg()[0].toFixed(2)}`);
  console.log(`  start-to-ready, first start        ${first.ready.toFixed(0).padStart(6)} ms`);
  console.log(
    `  start-to-ready, later (median)     ${readyLater.toFixed(0).padStart(6)} ms   goal < ${GOAL_READY_MS} ms: ${verdict(readyLater < GOAL_READY_MS)}`,
  );
  console.log(
    `  stop() (median / max)              ${stopAll.toFixed(0).padStart(6)} / ${stopMax.toFixed(0)} ms   goal < ${GOAL_STOP_MS} ms: ${verdict(stopMax < GOAL_STOP_MS)}`,
  );
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = (await testingGatewayBench()) ? 0 : 1;
