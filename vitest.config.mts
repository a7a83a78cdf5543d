// Vitest runs every test inside workerd through the Workers integration, with D1 migrated first.
import { readFileSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { parse } from "yaml";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  // The seed contract, parsed here in Node: tests inside workerd validate responses against it.
  const seed = parse(readFileSync(path.join(import.meta.dirname, "test/fixtures/seed-openapi.yaml"), "utf8"));
  return {
    plugins: [
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            // A real HTTP receiver for callbacks, started by test/helpers/receiver.global.mjs.
            TEST_RECEIVER_URL: inject<string>("receiverUrl"),
            // Two real gateways (wrangler dev) for the Sinch-upstream round trip: test/helpers/gateways.global.mjs.
            TEST_GATEWAY_A: inject<string>("gatewayA"),
            TEST_GATEWAY_B: inject<string>("gatewayB"),
            TEST_E2E_ADMIN_TOKEN: inject<string>("e2eAdminToken"),
            TEST_MIGRATIONS: migrations,
            TEST_SEED_OPENAPI: seed,
            ADMIN_TOKEN: "test-admin-token",
            SIMULATOR_DELIVERY_DELAY_MS: "0",
            UPSTREAM_ENCRYPTION_KEY: "test-upstream-encryption-key",
          },
        },
      })),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      globalSetup: ["./test/helpers/receiver.global.mjs", "./test/helpers/gateways.global.mjs"],
      setupFiles: ["./test/helpers/apply-migrations.ts"],
    },
  };
});
