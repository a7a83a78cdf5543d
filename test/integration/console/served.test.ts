// GET / leads to the web console; /console/ serves its page and every asset it loads from this origin.
import { describe, expect, it } from "vitest";
import { BASE, gatewayFetch } from "../../helpers/gateway";

describe("the web console", () => {
  it("is where / redirects", async () => {
    const res = await gatewayFetch(`${BASE}/`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/console/");
  });

  it("serves its page and the JS and CSS it loads, all same-origin", async () => {
    let page = await gatewayFetch(`${BASE}/console/`, { redirect: "manual" });
    // Static Assets' html_handling may canonicalise the folder URL first.
    if (page.status >= 300 && page.status < 400) {
      page = await gatewayFetch(new URL(page.headers.get("location") ?? "", `${BASE}/`).href);
    }
    // Built from src/console by `npm run assets` (part of npm install, start and test).
    expect(page.status, "run `npm run assets`").toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const urls = [...html.matchAll(/\b(?:src|href)="(\/console\/[^"]+)"/g)].map((m) => m[1] ?? "");
    expect(urls.some((u) => u.endsWith(".js"))).toBe(true);
    expect(urls.some((u) => u.endsWith(".css"))).toBe(true);
    for (const url of urls) {
      const asset = await gatewayFetch(`${BASE}${url}`);
      expect(asset.status, url).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, url).toBeGreaterThan(0);
    }
  });

  it("leaves unknown paths under /console to the API's JSON 404", async () => {
    const res = await gatewayFetch(`${BASE}/console/nothing-here.js`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "not_found" });
  });
});
