// Headless Debian Chromium through playwright-core for the console's browser tests and bench: launch, console
// errors, axe-core accessibility check, screenshots.
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium } from "playwright-core";
import { root } from "../../../scripts/local-gateway.mjs";

export const CHROMIUM = "/usr/bin/chromium";
export const SCREENSHOTS = path.join(root, "test-results", "console");
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Why the browser tests cannot run here, or null when they can. */
export const chromiumMissing = () =>
  existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing: install it with \`apt-get install -y chromium\``;

export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Every console error and uncaught exception of the page, as text. */
export function collectErrors(page) {
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(`exception: ${error.message}`));
  return errors;
}

/** axe-core's serious and critical violations on the page as it is now (id, impact, how many nodes). */
export async function seriousViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** True when the page is wider than the viewport (a horizontal scrollbar). */
export const scrollsSideways = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
