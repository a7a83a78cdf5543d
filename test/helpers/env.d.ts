// Test-only bindings provided by vitest.config.mts.
interface TestEnv {
  TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  /** The seed OpenAPI document (test/fixtures/seed-openapi.yaml), parsed. */
  TEST_SEED_OPENAPI: SeedDocument;
  /** Base URL of the local callback receiver (test/helpers/receiver.global.mjs). */
  TEST_RECEIVER_URL: string;
  /** Gateway A (Sinch upstream) and B (simulator, standing in for Sinch), both under wrangler dev. */
  TEST_GATEWAY_A: string;
  TEST_GATEWAY_B: string;
  TEST_E2E_ADMIN_TOKEN: string;
}

interface SeedDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        responses: Record<string, { content?: { "application/json": { schema: unknown } } }>;
      }
    >
  >;
  components: { schemas: Record<string, unknown> };
}

interface Env extends TestEnv {}
declare namespace Cloudflare {
  interface Env extends TestEnv {}
}
