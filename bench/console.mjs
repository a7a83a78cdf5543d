// BENCH_CONSOLE: the web console's first-load JS+CSS gzip size, navigation to the signed-in Batches view, and how
// soon a recipient's status change recorded by the gateway shows in an open batch view (headless Chromium).
// `node bench/console.mjs` alone, or a section of `npm run bench` (BENCH_CONSOLE=0 skips it).
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { buildConsole } from "../scripts/build-assets.mjs";
import { createPlan, root, startLocalGateway } from "../scripts/local-gateway.mjs";
import { chromiumMissing, launchChromium } from "../test/e2e/helpers/browser.mjs";

const GOAL_GZIP_KB = 120;
const GOAL_LOAD_MS = 1000;
const GOAL_LIVE_MS = 500;
const LOAD_RUNS = 5;
const LIVE_RUNS = 5;
const ADMIN_TOKEN = "bench-console-admin-token";
// Long enough that the batch view is open and settled before the receipt arrives.
const DELIVERY_DELAY_MS = 1500;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const verdict = (ok) => (ok ? "PASS" : "MISS");

/** gzip bytes of the JS and CSS that index.html loads. */
function firstLoadGzip() {
  const dir = path.join(root, "public", "console");
  const html = readFileSync(path.join(dir, "index.html"), "utf8");
  const files = [...html.matchAll(/(?:src|href)="\/console\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  return files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length,
    0,
  );
}

export async function consoleBench() {
  console.log("\nWeb console (headless Chromium against a local gateway)");
  if (process.env.BENCH_CONSOLE === "0") {
    console.log("  skipped: BENCH_CONSOLE=0");
    return true;
  }
  const missing = chromiumMissing();
  if (missing) {
    console.log(`  skipped: ${missing}`);
    return true;
  }
  await buildConsole();
  const gzip = firstLoadGzip();
  const gateway = await startLocalGateway({
    name: "bench-console",
    vars: { ADMIN_TOKEN, SIMULATOR_DELIVERY_DELAY_MS: String(DELIVERY_DELAY_MS) },
  });
  const browser = await launchChromium();
  try {
    const plan = await createPlan(gateway.url, ADMIN_TOKEN);
    const session = JSON.stringify({ planId: plan.planId, token: plan.token });
    const send = async (body) => {
      const res = await fetch(`${gateway.url}/xms/v1/${plan.planId}/batches`, {
        method: "POST",
        headers: { authorization: `Bearer ${plan.token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return res.json();
    };
    await send({ from: "12345", to: ["46700000001"], body: "warm-up" });

    // Cold loads (a fresh browser context each: empty cache), signed in through session storage.
    const loads = [];
    for (let i = 0; i < LOAD_RUNS; i++) {
      const context = await browser.newContext();
      await context.addInitScript(
        (value) => sessionStorage.setItem("gateway-console.session", value),
        session,
      );
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${gateway.url}/console/#/batches`);
      await page.getByRole("list", { name: "Batches" }).getByRole("link").first().waitFor();
      loads.push(performance.now() - t0);
      await context.close();
    }

    // A batch view open while the simulator's receipt arrives: the gateway's recorded time (the report's `at`)
    // against the browser's clock when "Delivered" appears (same machine, same clock).
    const context = await browser.newContext();
    await context.addInitScript((value) => sessionStorage.setItem("gateway-console.session", value), session);
    const page = await context.newPage();
    const lags = [];
    for (let i = 0; i < LIVE_RUNS; i++) {
      const recipient = `4670000100${i}`;
      const batch = await send({ from: "12345", to: [recipient], body: `live ${i}` });
      await page.goto(`${gateway.url}/console/#/batches/${batch.id}`);
      const seen = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const check = () => {
              if (document.querySelector("tbody")?.textContent?.includes("Delivered")) {
                observer.disconnect();
                resolve(Date.now());
              }
            };
            const observer = new MutationObserver(check);
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            check();
          }),
      );
      const report = await fetch(
        `${gateway.url}/xms/v1/${plan.planId}/batches/${batch.id}/delivery_report/${recipient}`,
        { headers: { authorization: `Bearer ${plan.token}` } },
      ).then((r) => r.json());
      lags.push(seen - Date.parse(report.at));
    }
    const mode = await page.locator(".live").textContent();
    await context.close();

    const load = median(loads);
    const lag = median(lags);
    console.log(
      `  · ${LOAD_RUNS} cold loads, ${LIVE_RUNS} status changes; load average ${os.loadavg()[0].toFixed(2)}`,
    );
    console.log(
      `  first-load JS + CSS, gzip           ${(gzip / 1024).toFixed(1).padStart(6)} KB   goal <= ${GOAL_GZIP_KB} KB: ${verdict(gzip / 1024 <= GOAL_GZIP_KB)}`,
    );
    console.log(
      `  navigation -> signed-in Batches     ${load.toFixed(0).padStart(6)} ms   (median; max ${Math.max(...loads).toFixed(0)}) goal < ${GOAL_LOAD_MS} ms: ${verdict(load < GOAL_LOAD_MS)}`,
    );
    console.log(
      `  status recorded -> shown in batch   ${lag.toFixed(0).padStart(6)} ms   (median; max ${Math.max(...lags)}; updates: ${mode?.trim()}) goal <= ${GOAL_LIVE_MS} ms: ${verdict(lag <= GOAL_LIVE_MS)}`,
    );
    return true;
  } catch (error) {
    console.error(`  console bench failed: ${error.stack ?? error}`);
    return false;
  } finally {
    await browser.close();
    await gateway.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = (await consoleBench()) ? 0 : 1;
