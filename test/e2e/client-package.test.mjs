// The packed `sinch-edge-gateway/client` in a fresh app: strict type-checks under bundler and nodenext resolution
// (mistakes must not compile), plain JavaScript imports, and a run against a live local gateway.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPlan, startLocalGateway } from "../../scripts/local-gateway.mjs";
import { installConsumer, repoRoot, tsc } from "./helpers/consumer.mjs";

const ADMIN_TOKEN = "consumer-admin-token";
const README_EXAMPLE_START =
  'import { createGatewayClient, isGatewayError } from "sinch-edge-gateway/client";';
const EXPECT_ERROR = "// @ts-expect-error";

/** The README's client example, verbatim: the ```ts block that starts with the client import. */
function readmeExample() {
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const block = readme.split("```ts\n").find((b) => b.startsWith(README_EXAMPLE_START));
  if (!block) throw new Error("README.md has no ```ts block starting with the client import");
  return `${block.slice(0, block.indexOf("```"))}export {};\n`;
}

/** A settled promise's outcome as a value: the tests below await the checks started in beforeAll. */
const settle = (promise) =>
  promise.then(
    (stdout) => ({ ok: true, output: stdout }),
    (e) => ({ ok: false, output: String(e) }),
  );

let consumer;
let gateway;
let checks;

beforeAll(async () => {
  const starting = startLocalGateway({
    name: "gateway-consumer",
    vars: { ADMIN_TOKEN, SIMULATOR_DELIVERY_DELAY_MS: "0" },
  });
  try {
    consumer = await installConsumer(path.join(import.meta.dirname, "consumer-app"));
    writeFileSync(path.join(consumer.dir, "src", "readme-example.ts"), readmeExample());
    // The same sources with every marker turned into a plain comment: each marked line must then fail.
    const strict = path.join(consumer.dir, "src", "type-errors.ts");
    const stripped = path.join(consumer.dir, "stripped", "type-errors.ts");
    mkdirSync(path.dirname(stripped));
    writeFileSync(stripped, readFileSync(strict, "utf8").replaceAll(EXPECT_ERROR, "// expected error:"));
    const typecheck = (...args) =>
      settle(consumer.run(process.execPath, [tsc, "--pretty", "false", ...args]));
    checks = {
      bundler: typecheck("-p", "tsconfig.bundler.json"),
      nodenext: typecheck("-p", "tsconfig.nodenext.json"),
      stripped: typecheck("-p", "tsconfig.stripped.json"),
    };
  } finally {
    gateway = await starting;
  }
});

afterAll(async () => {
  consumer?.remove();
  await gateway?.stop();
});

describe("sinch-edge-gateway/client from the packed tarball", () => {
  it("is small (the Worker bundle included) and ships declarations that name no Workers type", () => {
    expect(inject("packageSize")).toBeLessThan(400_000);
    const dist = path.join(consumer.dir, "node_modules", "sinch-edge-gateway", "dist");
    const dts = readdirSync(dist).filter((f) => f.endsWith(".d.ts"));
    expect(dts.length).toBeGreaterThan(0);
    for (const file of dts) {
      const text = readFileSync(path.join(dist, file), "utf8");
      expect(text).not.toMatch(/\b(Env|D1Database|DurableObject\w*|SqlStorage|RpcContext)\b|cloudflare:/);
    }
  });

  it("type-checks strictly under moduleResolution bundler, mistakes rejected", async () => {
    expect(await checks.bundler).toEqual({ ok: true, output: "" });
  });

  it("type-checks strictly and compiles under moduleResolution nodenext, mistakes rejected", async () => {
    expect(await checks.nodenext).toEqual({ ok: true, output: "" });
  });

  it("rejects each marked line for its own reason, not because the file is broken", async () => {
    const source = readFileSync(path.join(consumer.dir, "src", "type-errors.ts"), "utf8");
    const marked = source
      .split("\n")
      .flatMap((line, i) => (line.trim().startsWith(EXPECT_ERROR) ? [i + 2] : []));
    expect(marked.length).toBeGreaterThanOrEqual(8);
    const { ok, output } = await checks.stripped;
    expect(ok).toBe(false);
    const failing = [...output.matchAll(/stripped\/type-errors\.ts\((\d+),\d+\): error TS\d+/g)].map((m) =>
      Number(m[1]),
    );
    expect(new Set(failing)).toEqual(new Set(marked));
  });

  it("imports from plain JavaScript on the pinned Node 22 and on the machine's own Node", async () => {
    const majors = new Set();
    for (const node of new Set([process.execPath, "node"])) {
      // "node" from a PATH without node_modules/.bin: the machine's Node (20 here), if there is one.
      const env = {
        PATH: process.env.PATH.split(path.delimiter)
          .filter((p) => !p.includes("node_modules"))
          .join(path.delimiter),
      };
      const out = JSON.parse(
        await consumer.run(node, ["run.mjs", "--imports-only"], node === "node" ? env : {}),
      );
      expect(out.exports).toEqual(["createGatewayClient", "isGatewayError", "TRPCClientError"]);
      majors.add(out.node.split(".")[0]);
    }
    expect(majors.has("v22")).toBe(true);
  });

  it("sends, reads the delivery report and catches a typed 400 against a live gateway", async () => {
    expect((await checks.nodenext).ok).toBe(true); // compiled src/app.ts to out/app.js
    const plan = await createPlan(gateway.url, ADMIN_TOKEN);
    const output = await consumer.run(process.execPath, ["run.mjs"], {
      GATEWAY_URL: gateway.url,
      GATEWAY_PLAN: plan.planId,
      GATEWAY_TOKEN: plan.token,
    });
    const result = JSON.parse(output);
    expect(result.batchId).toMatch(/^[0-9A-Z]{26}$/);
    expect(result.to).toEqual(["46701234567", "46701239500"]);
    expect(result.statuses).toEqual(
      expect.arrayContaining([
        { status: "Delivered", code: 0, count: 1 },
        { status: "Failed", code: 15, count: 1 },
      ]),
    );
    expect(result.error).toMatchObject({ code: "syntax_constraint_violation", httpStatus: 400 });
    expect(result.error.text).toMatch(/to/);
  });
});
