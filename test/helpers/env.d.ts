// Test-only bindings provided by vitest.config.mts.
interface TestEnv {
  TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  /** The seed OpenAPI document (test/fixtures/seed-openapi.yaml), parsed. */
  TEST_SEED_OPENAPI: SeedDocument;
  /** Base URL of the local callback receiver (test/helpers/receiver.global.mjs). */
  TEST_RECEIVER_URL: string;
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
