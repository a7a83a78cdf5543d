// The live-events section: how long a recipient status change takes from the gateway recording it (the frame's `at`)
// to a connected WebSocket client, and what 250-recipient batches cost with a socket connected and without.
// Standalone: `npx node bench/events.mjs` (starts its own gateway); in `npm run bench` as the BENCH_EVENTS section.
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { ENGINE_GATEWAY_ARGS } from "./engine.mjs";
import { createClient, percentile } from "./load.mjs";
import { createPlan, readDevVars, startGateway } from "./server.mjs";

const num = (name, fallback) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
/** One dispatch step's worth (CHUNK in src/domain/delivery/limits.ts), so each batch is one step + its receipts. */
const BATCH_SIZE = 250;
const BATCHES = Math.round(num("BENCH_EVENTS_BATCHES", 12));
const POLL_MS = 10;
const TIMEOUT_MS = 60_000;
/** The console's budget: a status change on screen within 500 ms of the gateway recording it (issue 11). */
export const EVENTS_GOAL_P95_MS = 500;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let nextNumber = 0;
/** Numbers the simulator delivers (none ends in one of its failure suffixes 9xxx). */
const numbers = (n) => Array.from({ length: n }, () => String(46_710_000_000 + (nextNumber++ % 9000)));

function openSocket(base, { planId, token }) {
  const url = `${base.replace(/^http/, "ws")}/gateway/v1/${planId}/events`;
  const ws = new WebSocket(url, ["gateway-events.v1", `token.${token}`]);
  const samples = [];
  const completed = new Set();
  let frames = 0;
  ws.addEventListener("message", (event) => {
    const received = Date.now();
    const frame = JSON.parse(String(event.data));
    frames++;
    if (frame.type === "recipient.status")
      samples.push({ seq: frame.seq, recorded: Date.parse(frame.at), received });
    if (frame.type === "batch.progress" && frame.data.completed) completed.add(frame.data.batch_id);
  });
  /** The batch's last event (its completed progress) has arrived: nothing of it is still on its way. */
  const completedEvent = async (batchId) => {
    const until = Date.now() + TIMEOUT_MS;
    while (!completed.has(batchId)) {
      if (Date.now() > until) throw new Error(`no completed progress for ${batchId} within ${TIMEOUT_MS} ms`);
      await sleep(POLL_MS);
    }
  };
  return new Promise((resolve, reject) => {
    ws.addEventListener("open", () => resolve({ ws, samples, completedEvent, frames: () => frames }));
    ws.addEventListener("error", () => reject(new Error(`WebSocket to ${url} failed`)));
  });
}

/** Sends one batch and polls its summary report until every recipient is Delivered: the ms it took, and its id. */
async function sendAndComplete(client, { planId, token }) {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const start = performance.now();
  const res = await client.request("POST", `/xms/v1/${planId}/batches`, {
    headers,
    body: JSON.stringify({ from: "12345", to: numbers(BATCH_SIZE), body: "bench" }),
  });
  if (res.status !== 201) throw new Error(`POST batches -> ${res.status}: ${res.body.slice(0, 200)}`);
  const { id } = JSON.parse(res.body);
  const until = Date.now() + TIMEOUT_MS;
  for (;;) {
    const report = await client.request("GET", `/xms/v1/${planId}/batches/${id}/delivery_report`, {
      headers,
    });
    const delivered = JSON.parse(report.body).statuses?.find((s) => s.status === "Delivered")?.count ?? 0;
    if (delivered === BATCH_SIZE) return { ms: performance.now() - start, id };
    if (Date.now() > until)
      throw new Error(`batch ${id}: ${delivered}/${BATCH_SIZE} delivered after ${TIMEOUT_MS} ms`);
    await sleep(POLL_MS);
  }
}

/** Batches alternate between "a socket listens" and "nobody listens" on one plan, so drift hits both alike. */
export async function eventsBench({ gateway, adminToken, log }) {
  const plan = await createPlan(gateway.base, adminToken);
  const client = createClient(gateway.base, { connections: 4 });
  const withSocket = [];
  const without = [];
  const samples = [];
  let frames = 0;
  try {
    // Warm-up: the first batch pays for the object's start and module load.
    await sendAndComplete(client, plan);
    const listened = async () => {
      const socket = await openSocket(gateway.base, plan);
      const { ms, id } = await sendAndComplete(client, plan);
      withSocket.push(ms);
      await socket.completedEvent(id);
      samples.push(...socket.samples);
      frames += socket.frames();
      socket.ws.close();
      await sleep(50);
    };
    const unheard = async () => without.push((await sendAndComplete(client, plan)).ms);
    // Alternating which goes first, so neither always follows the other.
    for (let i = 0; i < BATCHES; i++)
      for (const run of i % 2 === 0 ? [listened, unheard] : [unheard, listened]) await run();
  } finally {
    client.close();
  }
  const file = process.env.BENCH_EVENTS_LOG;
  if (file) writeFileSync(file, samples.map((s) => JSON.stringify(s)).join("\n"));
  for (const s of samples.slice(0, 3))
    log(
      `seq ${s.seq}: recorded ${new Date(s.recorded).toISOString()}, received ${new Date(s.received).toISOString()}`,
    );
  return { samples, frames, withSocket, without, file };
}

const median = (values) => percentile(Float64Array.from(values).sort(), 50);

export function reportEvents({ samples, frames, withSocket, without, file }) {
  const latencies = Float64Array.from(samples.map((s) => s.received - s.recorded)).sort();
  const p95 = percentile(latencies, 95);
  const expected = withSocket.length * BATCH_SIZE * 2;
  console.log(
    `  recorded -> received, recipient.status: ${latencies.length} events (expected ${expected}, ${frames} frames in all)`,
  );
  console.log(
    `    p50 ${percentile(latencies, 50)} ms, p95 ${p95} ms, max ${latencies.at(-1)} ms` +
      `   [goal p95 <= ${EVENTS_GOAL_P95_MS} ms: ${p95 <= EVENTS_GOAL_P95_MS ? "PASS" : "MISS"}]`,
  );
  console.log(
    `  a ${BATCH_SIZE}-recipient batch, send -> all Delivered (one dispatch step + one receipt step), median of ${withSocket.length}:`,
  );
  console.log(
    `    no socket ${median(without).toFixed(1)} ms, one socket ${median(withSocket).toFixed(1)} ms`,
  );
  if (file) console.log(`  every (recorded, received) pair: ${file}`);
  return latencies.length === expected && p95 <= EVENTS_GOAL_P95_MS;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const log = (msg) => console.log(`  · ${msg}`);
  const gateway = await startGateway({ log, args: ENGINE_GATEWAY_ARGS });
  try {
    // start.mjs writes .dev.vars on its first run.
    const adminToken = readDevVars().ADMIN_TOKEN;
    if (!adminToken) throw new Error(".dev.vars has no ADMIN_TOKEN");
    console.log("\nLive events (bench/events.mjs)");
    process.exitCode = reportEvents(await eventsBench({ gateway, adminToken, log })) ? 0 : 1;
  } finally {
    await gateway.stop();
  }
}
