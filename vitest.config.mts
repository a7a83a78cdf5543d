// Vitest projects: unit (plain Node, no runtime), differential (the text engine against an oracle), integration (inside workerd), sinch (workerd + two real
// gateways as Sinch), e2e (Node-side tests of the packed package and the browser). `npx vitest run test/unit` starts
// only what the unit project needs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { parse } from "yaml";

const RECEIVER = "./test/helpers/receiver.global.mjs";
const GATEWAYS = "./test/helpers/gateways.global.mjs";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  // The seed contract, parsed here in Node: tests inside workerd validate responses against it.
  const seed = parse(readFileSync(path.join(import.meta.dirname, "test/fixtures/seed-openapi.yaml"), "utf8"));

  /** A project whose tests run inside workerd with the gateway's bindings and a migrated D1. */
  const workers = (
    name: string,
    include: string[],
    globalSetup: string[],
    exclude: string[] = [],
  ): TestProjectInlineConfiguration => ({
    plugins: [
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            // A real HTTP receiver for callbacks, started by test/helpers/receiver.global.mjs.
            TEST_RECEIVER_URL: inject<string>("receiverUrl"),
            // Two real gateways (wrangler dev) for the Sinch-upstream round trip, only in the sinch project.
            TEST_GATEWAY_A: inject<string>("gatewayA") ?? "",
            TEST_GATEWAY_B: inject<string>("gatewayB") ?? "",
            TEST_E2E_ADMIN_TOKEN: inject<string>("e2eAdminToken") ?? "",
            TEST_MIGRATIONS: migrations,
            TEST_SEED_OPENAPI: seed,
            ADMIN_TOKEN: "test-admin-token",
            SIMULATOR_DELIVERY_DELAY_MS: "0",
            UPSTREAM_ENCRYPTION_KEY: "test-upstream-encryption-key",
            // Thousands of requests: one log line each would bury the test report.
            REQUEST_LOG: "off",
            CALLBACK_ALLOW_PRIVATE: "true",
          },
        },
      })),
    ],
    test: {
      name,
      include,
      exclude,
      globalSetup,
      setupFiles: ["./test/helpers/apply-migrations.ts"],
      // Generous: CI's two cores run several workerd test files at once.
      testTimeout: 30_000,
    },
  });

  return {
    test: {
      projects: [
        // One module graph per worker (isolate: false): importing drizzle, zod and the engine per file was most of the time.
        { test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node", isolate: false } },
        // The text engine against an independent calculator on 20,000 seeded strings: slow, so apart from unit.
        { test: { name: "differential", include: ["test/differential/**/*.test.ts"], environment: "node" } },
        workers(
          "integration",
          ["test/integration/**/*.test.ts"],
          [RECEIVER],
          ["test/integration/sinch-upstream/**"],
        ),
        workers("sinch", ["test/integration/sinch-upstream/**/*.test.ts"], [RECEIVER, GATEWAYS]),
        {
          test: {
            name: "e2e",
            include: ["test/e2e/**/*.test.{ts,mjs}"],
            environment: "node",
            // npm pack once (its prepack builds dist/): e2e tests install that tarball as an app would.
            globalSetup: ["./test/e2e/helpers/pack.global.mjs"],
            testTimeout: 120_000,
            hookTimeout: 180_000,
          },
        },
      ],
    },
  };
});
