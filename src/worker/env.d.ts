// Optional secrets: not in wrangler.toml's `secrets.required`, so `wrangler types` cannot see them. The required
// ones (ADMIN_TOKEN guards /admin/v1 and admin.*; UPSTREAM_ENCRYPTION_KEY seals Sinch credentials) are generated.
interface SecretsEnv {
  /** This gateway's public origin (https://…): where Sinch sends its webhooks for forwarded batches. */
  PUBLIC_URL?: string;
}
/** Optional bindings, commented out in wrangler.toml: nothing depends on them being there. */
interface OptionalBindingsEnv {
  /** Workers Analytics Engine: one data point per delivery event class when configured. */
  ANALYTICS?: AnalyticsEngineDataset;
}
interface Env extends SecretsEnv, OptionalBindingsEnv {}
declare namespace Cloudflare {
  interface Env extends SecretsEnv, OptionalBindingsEnv {}
}
