// The web console in headless Chromium against a real local gateway: sign in, compose with an emoji, send, see it
// delivered live, a batch sent with fetch appears without reload, a handset replies STOP, the opt-out rejects the
// next send; every view passes axe (no serious/critical) at 375 px without sideways scrolling, with no console errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConsole } from "../../scripts/build-assets.mjs";
import { createPlan, startLocalGateway } from "../../scripts/local-gateway.mjs";
import {
  chromiumMissing,
  collectErrors,
  launchChromium,
  screenshot,
  scrollsSideways,
  seriousViolations,
} from "./helpers/browser.mjs";

const ADMIN_TOKEN = "console-admin-token";
const HANDSET = "46701234567";
const SENDER = "12345";
// Long enough to see Dispatched before Delivered, short enough for a quick test.
const DELIVERY_DELAY_MS = "800";

const missing = chromiumMissing();
if (missing && process.env.CI === "true") throw new Error(`The browser tests must run in CI: ${missing}`);
if (missing) console.warn(`Skipping the console browser tests: ${missing}`);

describe.skipIf(missing !== null)("web console in Chromium", () => {
  let gateway;
  let browser;
  let page;
  let plan;
  let errors;
  let eventsEndpoint = false;

  // Generous: wrangler dev takes long to start on a busy two-core machine.
  beforeAll(async () => {
    await buildConsole();
    gateway = await startLocalGateway({
      name: "console",
      vars: { ADMIN_TOKEN, SIMULATOR_DELIVERY_DELAY_MS: DELIVERY_DELAY_MS },
    });
    plan = await createPlan(gateway.url, ADMIN_TOKEN);
    // Where the live-events endpoint exists, the console must use it without a single error; where it does not
    // (yet), the browser logs each refused WebSocket handshake and the console polls instead.
    const probe = await fetch(`${gateway.url}/gateway/v1/${plan.planId}/events`);
    await probe.arrayBuffer();
    eventsEndpoint = probe.status !== 404;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    errors = collectErrors(page);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  /** axe, width and a screenshot for the view on screen. */
  async function checkView(name) {
    expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
    expect(await scrollsSideways(page), `${name} scrolls sideways at 375 px`).toBe(false);
    await screenshot(page, name);
  }

  const nav = (name) =>
    page.getByRole("navigation", { name: "Views" }).getByRole("link", { name, exact: true });
  const sendRest = async (body) => {
    const res = await fetch(`${gateway.url}/xms/v1/${plan.planId}/batches`, {
      method: "POST",
      headers: { authorization: `Bearer ${plan.token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return res.json();
  };

  it("redirects / to the console and signs in", async () => {
    await page.goto(gateway.url);
    expect(new URL(page.url()).pathname).toMatch(/^\/console\/?$/);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await checkView("sign-in");
    await page.getByLabel("Service plan ID").fill(plan.planId);
    await page.getByLabel("API token").fill(plan.token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Batches" }).waitFor();
    await expect.poll(() => page.getByText("No batches yet").isVisible()).toBe(true);
    for (const name of ["Overview", "Batches", "Compose", "Handsets", "Inbounds", "Groups", "Opt-outs"]) {
      expect(await nav(name).isVisible(), name).toBe(true);
    }
    for (const name of ["Callbacks", "Settings"]) expect(await nav(name).isVisible(), name).toBe(true);
    await checkView("batches-empty");
  });

  it("composes with an emoji (UCS-2), sends, and shows Delivered live", async () => {
    await nav("Compose").click();
    await page.getByLabel("To").fill(HANDSET);
    await page.getByLabel("From").fill(SENDER);
    await page.getByLabel("Message").fill("Hello there");
    await expect.poll(() => page.locator("#counter").textContent()).toContain("GSM-7");
    await page.getByLabel("Message").fill("Hello 👋 from the console");
    const counter = await page.locator("#counter").textContent();
    expect(counter).toContain("UCS-2");
    expect(counter).toContain("1 part");
    expect(await page.locator("#counter mark").textContent()).toBe("👋");
    await checkView("compose");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByRole("heading", { name: /^Batch / }).waitFor();
    const row = page.getByRole("row", { name: new RegExp(HANDSET) });
    await row.getByText("Delivered").waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain("Hello 👋 from the console");
    await checkView("batch-detail");
  });

  it("shows a batch sent with fetch in Batches without a reload", async () => {
    await nav("Batches").click();
    await page.getByRole("heading", { name: "Batches" }).waitFor();
    const marker = await page.evaluate(() => {
      window.__sameDocument = true;
      return true;
    });
    expect(marker).toBe(true);
    const batch = await sendRest({ from: SENDER, to: ["46700000001", "46700009500"], body: "From curl" });
    const started = Date.now();
    await page.getByRole("link", { name: batch.id }).waitFor({ timeout: 5_000 });
    const appearedMs = Date.now() - started;
    expect(appearedMs).toBeLessThan(2_500);
    expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
    await checkView("batches");
  });

  it("opens the handset, replies STOP, and shows the inbound and the opt-out", async () => {
    await nav("Handsets").click();
    await page.getByRole("link", { name: HANDSET }).click();
    await page.getByRole("heading", { name: `Handset ${HANDSET}` }).waitFor();
    await page.getByText("Hello 👋 from the console").waitFor();
    await checkView("handset");
    await page.getByLabel("Reply").fill("STOP");
    await page.getByRole("button", { name: "Send reply" }).click();
    await page.getByText("Opted out").waitFor();
    await nav("Inbounds").click();
    await page.getByRole("cell", { name: "STOP" }).waitFor();
    await checkView("inbounds");
    await nav("Opt-outs").click();
    await page.getByRole("link", { name: HANDSET }).waitFor();
    await checkView("opt-outs");
    await nav("Handsets").click();
    await page.getByRole("link", { name: HANDSET }).waitFor();
    await checkView("handsets");
  });

  it("rejects a new send to the opted-out number with 408", async () => {
    await nav("Compose").click();
    await page.getByLabel("To").fill(HANDSET);
    await page.getByLabel("From").fill(SENDER);
    await page.getByLabel("Message").fill("Are you still there?");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByRole("heading", { name: /^Batch / }).waitFor();
    await page
      .getByRole("row", { name: new RegExp(HANDSET) })
      .getByText("Rejected 408")
      .waitFor();
    await checkView("batch-rejected");
  });

  it("has the other views, accessible and narrow", async () => {
    await nav("Groups").click();
    await page.getByLabel("Group name").fill("friends");
    await page.getByLabel("Members").fill("46700000001, 46700000002");
    await page.getByRole("button", { name: "Create group" }).click();
    await page.getByRole("heading", { name: "Group friends" }).waitFor();
    await page.getByText("Members (2)").waitFor();
    await checkView("group");
    await nav("Groups").click();
    await page.getByRole("link", { name: "friends" }).waitFor();
    await checkView("groups");
    await nav("Overview").click();
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    // The tiles show "—" until the statistics arrive: shoot the view as a user sees it once loaded.
    await page.waitForFunction(
      () => !document.querySelector('[aria-label="Today"]')?.textContent?.includes("—"),
    );
    await checkView("overview");
    await nav("Callbacks").click();
    await page.getByRole("heading", { name: "Callbacks" }).waitFor();
    await checkView("callbacks");
    await nav("Settings").click();
    await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
    await page.getByRole("button", { name: "Load settings" }).click();
    await page.getByLabel("Rate limit (messages per second, 0 for none)").waitFor();
    await checkView("settings");
    await page.setViewportSize({ width: 1280, height: 800 });
    await nav("Batches").click();
    await page.getByText("1 delivered,").first().waitFor();
    await checkView("batches-wide");
  });

  it("returns to sign-in, saying why, when the gateway refuses the token", async () => {
    // A page of its own: the refused calls are logged as failed requests, which the main page must not have.
    const other = await browser.newPage({ viewport: { width: 375, height: 800 } });
    const session = JSON.stringify({ planId: plan.planId, token: "not-the-right-token" });
    await other.addInitScript((value) => sessionStorage.setItem("gateway-console.session", value), session);
    await other.goto(`${gateway.url}/console/#/batches`);
    await other.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await other.getByRole("alert").first().textContent()).toContain("refused the API token");
    expect(await other.evaluate(() => sessionStorage.getItem("gateway-console.session"))).toBeNull();
    await other.close();
  });

  it("logged no console errors", () => {
    const handshake = /WebSocket connection to '.*\/events' failed/;
    const unexpected = eventsEndpoint ? errors : errors.filter((e) => !handshake.test(e));
    expect(unexpected).toEqual([]);
  });
});
