// GET /openapi.json is the generated document, built once; GET /docs is the viewer, all of it from this origin.
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../../src/worker/openapi/document";
import { operations } from "../../../src/worker/operations";
import { BASE, gatewayFetch } from "../../helpers/gateway";

describe("GET /openapi.json", () => {
  it("serves the document generated from the operation table, the same bytes every time", async () => {
    const first = await gatewayFetch(`${BASE}/openapi.json`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toMatch(/^application\/json/);
    const text = await first.text();
    expect(JSON.parse(text)).toEqual(buildOpenApiDocument(operations));
    expect(await (await gatewayFetch(`${BASE}/openapi.json`)).text()).toBe(text);
  });

  it("declares both bearer schemes and Sinch's error body", async () => {
    const doc = (await (await gatewayFetch(`${BASE}/openapi.json`)).json()) as any;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.planToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.adminToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.schemas.Error.required).toEqual(["code", "text"]);
    const send = doc.paths["/xms/v1/{service_plan_id}/batches"].post;
    expect(send.security).toEqual([{ planToken: [] }]);
    expect(send.responses["400"]).toEqual({ $ref: "#/components/responses/E400" });
    expect(doc.paths["/admin/v1/service_plans"].post.security).toEqual([{ adminToken: [] }]);
  });
});

/** Every URL a page loads: src and href attributes. */
const referencedUrls = (html: string) =>
  [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");

describe("GET /docs", () => {
  it("serves the viewer page, which loads only same-origin assets, all of them served", async () => {
    const page = await gatewayFetch(`${BASE}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('id="swagger-ui"');
    expect(html).not.toMatch(/https?:\/\//);
    const urls = referencedUrls(html);
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const url of urls) {
      expect(url, url).toMatch(/^\/(?!\/)/);
      const asset = await gatewayFetch(`${BASE}${url}`);
      // The viewer is copied from node_modules by `npm run assets` (part of npm install, start and test).
      expect(asset.status, `${url}: run \`npm run assets\``).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, url).toBeGreaterThan(0);
    }
  });

  it("points the viewer at this gateway's own document", async () => {
    const init = await (await gatewayFetch(`${BASE}/docs/init.js`)).text();
    expect(init).toContain('url: "/openapi.json"');
    expect(init).toContain("validatorUrl: null");
    expect(init).not.toMatch(/https?:\/\//);
  });

  it("keeps API answers for unknown paths: a JSON 404, not an asset", async () => {
    const res = await gatewayFetch(`${BASE}/docs/nothing-here.js`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "not_found" });
  });
});
