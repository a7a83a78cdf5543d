// The memory bench's control: how much wrangler dev's runtime workerd grows per request for a Worker that only answers.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { freePort, healthy, root } from "../scripts/local-gateway.mjs";
import { createClient } from "./load.mjs";
import { rssSampler } from "./rss.mjs";
import { benchStateFolder } from "./server.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs bench/baseline-worker under `wrangler dev` (the gateway's wrangler and workerd), loads it with GETs for
 * `seconds` at `concurrency`, and returns the runtime workerd's RSS before and `settleS` after, with the count.
 */
export async function baselineGrowth({ seconds, settleS, concurrency, log }) {
  const port = await freePort();
  const persistTo = benchStateFolder("baseline-bench-");
  const wrangler = path.join(root, "node_modules", "wrangler", "bin", "wrangler.js");
  const child = spawn(
    process.execPath,
    [wrangler, "dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persistTo],
    {
      cwd: path.join(root, "bench", "baseline-worker"),
      detached: true,
      stdio: "ignore",
      env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", X_LOCAL_OBSERVABILITY: "false" },
    },
  );
  const base = `http://127.0.0.1:${port}`;
  const client = createClient(base, { connections: concurrency });
  try {
    for (const started = Date.now(); !(await healthy(base)); await sleep(250))
      if (Date.now() - started > 60_000) throw new Error("the baseline Worker did not start");
    const rss = rssSampler(child.pid, 1000);
    await sleep(3000);
    const before = rss.read();
    log(`memory control: a Worker that only answers, ${seconds} s of GETs at concurrency ${concurrency} ...`);
    const stopAt = Date.now() + seconds * 1000;
    let requests = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() < stopAt) {
          await client.request("GET", "/");
          requests++;
        }
      }),
    );
    await sleep(settleS * 1000);
    return { before: before?.runtime ?? null, after: rss.read()?.runtime ?? null, requests };
  } finally {
    client.close();
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
    rmSync(persistTo, { recursive: true, force: true });
  }
}
