// The delivery-engine section: dispatch throughput (1 plan, 8 plans), rate accuracy, send_at lateness, workerd memory,
// and a noisy neighbour (one plan's small batches while another drains a large backlog).
import { cpuWindow } from "./cpu.mjs";
import { createClient, percentile } from "./load.mjs";
import { rssSampler } from "./rss.mjs";
import { createPlan } from "./server.mjs";
import { reportRulesOverhead, rulesOverhead } from "./simulator-rules.mjs";
import { simulatorView, waitForCount } from "./simulator-view.mjs";

/** The engine gateway: receipts right after dispatch, so a drain is not followed by a 2 s receipt wave. */
export const ENGINE_GATEWAY_ARGS = ["--var", "SIMULATOR_DELIVERY_DELAY_MS:0"];

const BATCHES = 20;
const BATCH_SIZE = 1000;
const PLANS = 8;
const PLAN_BATCHES = 5; // of BATCH_SIZE each: per plan the same batch shape as (a)
const RATE = 50;
const RATE_RECIPIENTS = 1200; // more than the window takes; sent as 1000 + 200 (a batch holds at most 1000)
const RATE_WINDOW_S = 20;
const LATE_BATCHES = 40;
const LATE_FIRST_MS = 3000; // the first send_at, after creating all of them (~40 small requests)
const LATE_SPAN_MS = 10_000;
const HOUR_MS = 3_600_000;
const RSS_INTERVAL_MS = 100;
const NEIGHBOUR_BATCHES = 20;
export const GOALS = { throughput: 2000, scale: 1.5, rateErrorPct: 2, lateP99Ms: 1000, neighbourP99Ms: 100 };

const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const sleepUntil = (at) => sleep(at - Date.now());

const FAILURE_SUFFIXES = new Set(["9402", "9500", "9600", "9700"]);
let nextNumber = 0;
/** `n` fresh distinct 11-digit numbers 4670xxxxxxx, none ending in a simulated-failure suffix. */
function numbers(n) {
  const out = [];
  while (out.length < n) {
    const s = String(46_700_000_000 + ++nextNumber);
    if (!FAILURE_SUFFIXES.has(s.slice(-4))) out.push(s);
  }
  return out;
}

/** POST a batch for `plan`; `sendAt` (ms) schedules it, undefined sends now. Resolves { id, ms }. */
function sender(client, { planId, token }) {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  return async (to, sendAt) => {
    const batch = { from: "12345", to, body: "bench" };
    if (sendAt !== undefined) batch.send_at = new Date(sendAt).toISOString();
    const start = performance.now();
    const res = await client.request("POST", `/xms/v1/${planId}/batches`, {
      headers,
      body: JSON.stringify(batch),
    });
    const ms = performance.now() - start;
    if (res.status !== 201)
      throw new Error(`POST batches (${to.length} recipients) -> ${res.status}: ${res.body.slice(0, 200)}`);
    return { id: JSON.parse(res.body).id, ms };
  };
}

/** Lead time before T so that `batches` big sends are all accepted first (1.5× the measured pace, + 1 s). */
const leadFor = (batches, msPerBatch) => Math.max(3000, Math.ceil(batches * msPerBatch * 1.5 + 1000));

/** (a) + (e): 20 × 1000 on one unthrottled plan, all due at T; workerd RSS sampled during the drain. */
async function onePlan({ client, newPlan, pgid, log }) {
  // Probe the acceptance pace on a scratch plan (its batches wait an hour) to pick T.
  const probe = sender(client, await newPlan());
  let probeMs = 0;
  for (let i = 0; i < 3; i++)
    probeMs = Math.max(probeMs, (await probe(numbers(BATCH_SIZE), Date.now() + HOUR_MS)).ms);
  const plan = await newPlan();
  const send = sender(client, plan);
  const view = simulatorView(client, plan);
  const rss = rssSampler(pgid, RSS_INTERVAL_MS);
  const start = Date.now();
  const at = start + leadFor(BATCHES, probeMs);
  log(
    `(a) accepting ${BATCHES} × ${BATCH_SIZE} recipients due at T = now + ${((at - start) / 1000).toFixed(1)} s ...`,
  );
  for (let i = 0; i < BATCHES; i++) await send(numbers(BATCH_SIZE), at);
  const acceptMs = Date.now() - start;
  if (Date.now() > at)
    log(`(a) WARNING: acceptance ended ${Date.now() - at} ms after T (overlaps the drain)`);
  await sleepUntil(at - 300);
  const baseline = rss.read();
  rss.start();
  const endCpu = cpuWindow(pgid);
  const total = BATCHES * BATCH_SIZE;
  await waitForCount(view.count, total, { what: "(a) one-plan drain" });
  const memory = { baseline, ...rss.stop() };
  const others = endCpu();
  const { first, last } = await view.span(total);
  return { total, at, leadMs: at - start, acceptMs, probeMs, first, last, others, memory };
}

/** (b): PLANS fresh unthrottled plans, PLAN_BATCHES × 1000 each, all due at the same T. */
async function manyPlans({ client, newPlan, pgid, log, msPerBatch }) {
  const plans = [];
  for (let i = 0; i < PLANS; i++) plans.push(await newPlan());
  const senders = plans.map((p) => sender(client, p));
  const views = plans.map((p) => simulatorView(client, p));
  const batches = PLANS * PLAN_BATCHES;
  const start = Date.now();
  const at = start + leadFor(batches, msPerBatch);
  log(
    `(b) accepting ${PLANS} plans × ${PLAN_BATCHES} × ${BATCH_SIZE} due at T = now + ${((at - start) / 1000).toFixed(1)} s ...`,
  );
  for (let b = 0; b < PLAN_BATCHES; b++) for (const send of senders) await send(numbers(BATCH_SIZE), at);
  const acceptMs = Date.now() - start;
  if (Date.now() > at)
    log(`(b) WARNING: acceptance ended ${Date.now() - at} ms after T (overlaps the drain)`);
  await sleepUntil(at);
  const endCpu = cpuWindow(pgid);
  const total = batches * BATCH_SIZE;
  const sum = async () => (await Promise.all(views.map((v) => v.count()))).reduce((a, b) => a + b, 0);
  await waitForCount(sum, total, { what: `(b) ${PLANS}-plan drain`, intervalMs: 500 });
  const others = endCpu();
  const spans = await Promise.all(views.map((v) => v.span(PLAN_BATCHES * BATCH_SIZE)));
  const first = Math.min(...spans.map((s) => s.first));
  const last = Math.max(...spans.map((s) => s.last));
  const drains = spans.map((s) => s.last - s.first);
  return { total, at, leadMs: at - start, acceptMs, first, last, drains, others };
}

/** (c): 1,200 recipients (two batches) sent now on a plan at RATE/s; messages per second over the first 20 s. */
async function rateAccuracy({ client, newPlan, pgid, log }) {
  const plan = await newPlan({ rate_limit: RATE });
  const view = simulatorView(client, plan);
  log(
    `(c) ${RATE_RECIPIENTS} recipients (1000 + 200, sent now) at rate_limit ${RATE}/s (~${Math.ceil(RATE_RECIPIENTS / RATE)} s) ...`,
  );
  const endCpu = cpuWindow(pgid);
  const send = sender(client, plan);
  for (let left = RATE_RECIPIENTS; left > 0; left -= BATCH_SIZE)
    await send(numbers(Math.min(left, BATCH_SIZE)));
  await waitForCount(view.count, RATE_RECIPIENTS, {
    what: "(c) rate-limited drain",
    stallMs: 10_000,
    timeoutMs: (RATE_RECIPIENTS / RATE) * 1000 + 30_000,
  });
  const others = endCpu();
  const times = (await view.all()).map((m) => m.at);
  if (times.length !== RATE_RECIPIENTS)
    throw new Error(`(c) read ${times.length}/${RATE_RECIPIENTS} messages`);
  const first = Math.min(...times);
  const perSecond = new Array(RATE_WINDOW_S).fill(0);
  for (const t of times) {
    const s = Math.floor((t - first) / 1000);
    if (s < RATE_WINDOW_S) perSecond[s]++;
  }
  const count = perSecond.reduce((a, b) => a + b, 0);
  const rate = count / RATE_WINDOW_S;
  return { count, rate, errorPct: ((rate - RATE) / RATE) * 100, perSecond, others };
}

/** (d): 40 one-recipient batches with send_at spread evenly over 3..13 s from now; lateness per batch. */
async function lateness({ client, newPlan, pgid, log }) {
  const plan = await newPlan();
  const send = sender(client, plan);
  const view = simulatorView(client, plan);
  const start = Date.now();
  const sendAt = new Map();
  for (let i = 0; i < LATE_BATCHES; i++) {
    const at = start + LATE_FIRST_MS + Math.round((i * LATE_SPAN_MS) / (LATE_BATCHES - 1));
    sendAt.set((await send(numbers(1), at)).id, at);
  }
  const headroomMs = start + LATE_FIRST_MS - Date.now();
  if (headroomMs < 1000)
    log(`(d) WARNING: only ${headroomMs} ms between the last create and the first send_at`);
  log(
    `(d) ${LATE_BATCHES} batches created; send_at from +${LATE_FIRST_MS / 1000} s to +${(LATE_FIRST_MS + LATE_SPAN_MS) / 1000} s ...`,
  );
  const endCpu = cpuWindow(pgid);
  await waitForCount(view.count, LATE_BATCHES, {
    what: "(d) scheduled batches",
    stallMs: 15_000,
    timeoutMs: LATE_FIRST_MS + LATE_SPAN_MS + 30_000,
  });
  const others = endCpu();
  const late = (await view.all()).map((m) => m.at - sendAt.get(m.batchId));
  if (late.length !== LATE_BATCHES || late.some((v) => !Number.isFinite(v)))
    throw new Error(`(d) expected ${LATE_BATCHES} known batches, read ${late.length}`);
  const sorted = Float64Array.from(late).sort();
  return {
    headroomMs,
    min: sorted[0],
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    others,
  };
}

/**
 * (f): plan A drains BATCHES × 1000 due at T while plan B's one-recipient batches are due at moments spread
 * over A's drain (as long as (a) took); lateness of B's batches, counting those due while A was still draining.
 */
async function noisyNeighbour({ client, newPlan, pgid, log, msPerBatch, drainMs }) {
  const [a, b] = [await newPlan(), await newPlan()];
  const [sendA, sendB] = [sender(client, a), sender(client, b)];
  const [viewA, viewB] = [simulatorView(client, a), simulatorView(client, b)];
  const start = Date.now();
  const at = start + leadFor(BATCHES + NEIGHBOUR_BATCHES, msPerBatch);
  log(
    `(f) plan A: ${BATCHES} × ${BATCH_SIZE} due at T; plan B: ${NEIGHBOUR_BATCHES} × 1 due over T..T+${sec(drainMs)} ...`,
  );
  for (let i = 0; i < BATCHES; i++) await sendA(numbers(BATCH_SIZE), at);
  const sendAt = new Map();
  for (let i = 0; i < NEIGHBOUR_BATCHES; i++) {
    const due = at + Math.round(((i + 0.5) * drainMs) / NEIGHBOUR_BATCHES);
    sendAt.set((await sendB(numbers(1), due)).id, due);
  }
  if (Date.now() > at)
    log(`(f) WARNING: acceptance ended ${Date.now() - at} ms after T (overlaps the drain)`);
  const endCpu = cpuWindow(pgid);
  const total = BATCHES * BATCH_SIZE;
  await waitForCount(viewA.count, total, { what: "(f) plan A drain" });
  await waitForCount(viewB.count, NEIGHBOUR_BATCHES, { what: "(f) plan B batches" });
  const others = endCpu();
  const spanA = await viewA.span(total);
  const messages = await viewB.all();
  const during = messages.filter((m) => sendAt.get(m.batchId) <= spanA.last);
  const sorted = Float64Array.from(during.map((m) => m.at - sendAt.get(m.batchId))).sort();
  return {
    during: during.length,
    drainA: spanA.last - spanA.first,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    others,
  };
}

/** Runs (a)-(f) against a gateway started with ENGINE_GATEWAY_ARGS. Throws on any timeout. */
export async function engineBench({ gateway, adminToken, log }) {
  const client = createClient(gateway.base, { connections: PLANS });
  const ctx = {
    client,
    pgid: gateway.pid,
    log,
    newPlan: (settings) => createPlan(gateway.base, adminToken, settings),
  };
  const reloadedIn = [];
  const step = async (name, run) => {
    const before = gateway.reloads();
    const result = await run();
    if (gateway.reloads() > before) reloadedIn.push(name);
    return result;
  };
  try {
    const one = await step("(a)/(e)", () => onePlan(ctx));
    await sleep(1000); // the last receipts are applied after the count completes
    const many = await step("(b)", () => manyPlans({ ...ctx, msPerBatch: one.acceptMs / BATCHES }));
    await sleep(1000);
    const rate = await step("(c)", () => rateAccuracy(ctx));
    const late = await step("(d)", () => lateness(ctx));
    await sleep(1000);
    const neighbour = await step("(f)", () =>
      noisyNeighbour({ ...ctx, msPerBatch: one.acceptMs / BATCHES, drainMs: one.last - one.first }),
    );
    const rules = await step("(g)", () => rulesOverhead({ ...ctx, send: sender, numbers }));
    return { one, many, rate, late, neighbour, rules, reloadedIn };
  } finally {
    client.close();
  }
}

const verdict = (ok) => (ok ? "PASS" : "MISS");
const fmt = (n) => Math.round(n).toLocaleString("en-US");
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const pct = (v) => (v === null ? "n/a" : `${v.toFixed(0)}%`);
const mib = (b) => (b === null || b === undefined ? "n/a" : `${(b / 2 ** 20).toFixed(1)} MiB`);

export function reportEngine({ one, many, rate, late, neighbour, rules, reloadedIn }) {
  const line = "-".repeat(102);
  const oneRate = one.total / ((one.last - one.first) / 1000);
  const oneRateT = one.total / ((one.last - one.at) / 1000);
  const manyRate = many.total / ((many.last - many.first) / 1000);
  const manyRateT = many.total / ((many.last - many.at) / 1000);
  const scale = manyRate / oneRate;
  const m = one.memory;
  console.log(`\n${line}`);
  console.log(
    "Delivery engine (own gateway, SIMULATOR_DELIVERY_DELAY_MS=0; times are simulator received_at = dispatch time)",
  );
  console.log(line);
  console.log(
    `(a) 1 plan, rate 0, ${BATCHES} × ${BATCH_SIZE}: accepted in ${sec(one.acceptMs)} ` +
      `(${(one.acceptMs / BATCHES).toFixed(0)} ms/batch); T = ${sec(one.leadMs)} after the first send`,
  );
  console.log(
    `    first received T${signed(one.first - one.at)}, last T${signed(one.last - one.at)}; ` +
      `${fmt(oneRate)} msg/s (first→last), ${fmt(oneRateT)} msg/s (T→last)   others ${pct(one.others)}` +
      `   goal >=${fmt(GOALS.throughput)}/s: ${verdict(oneRate >= GOALS.throughput)}`,
  );
  console.log(
    `(b) ${PLANS} plans, rate 0, ${PLAN_BATCHES} × ${BATCH_SIZE} each (${fmt(many.total)} total): accepted in ${sec(many.acceptMs)}; T = ${sec(many.leadMs)} after the first send`,
  );
  console.log(
    `    first received T${signed(many.first - many.at)}, last T${signed(many.last - many.at)}; ` +
      `${fmt(manyRate)} msg/s aggregate (first→last), ${fmt(manyRateT)} msg/s (T→last)   others ${pct(many.others)}`,
  );
  console.log(
    `    per-plan drain ${sec(Math.min(...many.drains))} .. ${sec(Math.max(...many.drains))}; ` +
      `${scale.toFixed(2)}× one plan (a)   goal >=${GOALS.scale}×: ${verdict(scale >= GOALS.scale)}`,
  );
  console.log(
    `(c) rate_limit ${RATE}, ${RATE_RECIPIENTS} recipients (1000 + 200) now: ${rate.count} in [first, first+${RATE_WINDOW_S} s) = ` +
      `${rate.rate.toFixed(2)} msg/s, error ${signedPct(rate.errorPct)}   others ${pct(rate.others)}` +
      `   goal ±${GOALS.rateErrorPct}%: ${verdict(Math.abs(rate.errorPct) <= GOALS.rateErrorPct)}`,
  );
  console.log(`    per second: ${rate.perSecond.join(" ")}`);
  console.log(
    `(d) lateness (received_at − send_at), ${LATE_BATCHES} × 1 recipient, rate 0: p50 ${late.p50} ms  p99 ${late.p99} ms  ` +
      `max ${late.max} ms  (min ${late.min} ms)   others ${pct(late.others)}   goal p99<${GOALS.lateP99Ms}ms: ${verdict(late.p99 < GOALS.lateP99Ms)}`,
  );
  const mem = (key) =>
    `baseline ${mib(m.baseline?.[key])}, peak ${mib(m.peak[key])}, ` +
    `delta ${m.baseline?.[key] != null && m.peak[key] !== null ? `+${mib(m.peak[key] - m.baseline[key])}` : "n/a"}`;
  console.log(
    `(e) memory while draining (a), VmRSS sampled every ${RSS_INTERVAL_MS} ms (${m.samples} samples; baseline: ` +
      `${BATCHES} batches accepted, just before T):`,
  );
  console.log(
    `    Worker runtime workerd process  ${mem("runtime")}  — the whole process (Worker + Durable Objects + local D1): an upper bound for the queue object`,
  );
  console.log(
    `    all ${m.peak.processes} workerd processes (Worker runtime + wrangler's dev proxy)  ${mem("total")}`,
  );
  console.log(
    `(f) noisy neighbour: plan B's 1-recipient batches due while plan A drained ${BATCHES} × ${BATCH_SIZE} (${sec(neighbour.drainA)}): ` +
      `${neighbour.during} of ${NEIGHBOUR_BATCHES}; lateness p50 ${neighbour.p50} ms  p99 ${neighbour.p99} ms  max ${neighbour.max} ms` +
      `   others ${pct(neighbour.others)}   goal p99<${GOALS.neighbourP99Ms}ms: ${verdict(neighbour.p99 < GOALS.neighbourP99Ms)}`,
  );
  reportRulesOverhead(rules, { fmt, verdict });
  console.log(line);
  if (reloadedIn.length > 0)
    console.log(
      `  WARNING: wrangler rebuilt/reloaded the Worker during ${reloadedIn.join(", ")} (src/ changed).`,
    );
  if ([one, many, rate, late, neighbour].some((r) => r.others > 10))
    console.log("  WARNING: other processes used >10% of the CPU during a scenario; its numbers are skewed.");
}

const signed = (ms) => `${ms < 0 ? "−" : "+"}${sec(Math.abs(ms))}`;
const signedPct = (v) => `${v < 0 ? "−" : "+"}${Math.abs(v).toFixed(2)}%`;
