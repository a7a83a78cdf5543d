// Secrets and optional vars: not in wrangler.toml, so `wrangler types` cannot see them.
interface SecretsEnv {
  /** Guards /admin/v1 and the tRPC admin.* procedures; the admin API is off when unset. */
  ADMIN_TOKEN?: string;
  /** Seals a plan's Sinch API token and webhook secret at rest (AES-256-GCM); needed to use the Sinch upstream. */
  UPSTREAM_ENCRYPTION_KEY?: string;
  /** This gateway's public origin (https://…): where Sinch sends its webhooks for forwarded batches. */
  PUBLIC_URL?: string;
  /** "true" lets callback URLs point at loopback and private addresses (local development); absent means false. */
  CALLBACK_ALLOW_PRIVATE?: string;
  /** "off" silences the one-JSON-line-per-request log (the test suite sets it). */
  REQUEST_LOG?: string;
}
interface Env extends SecretsEnv {}
declare namespace Cloudflare {
  interface Env extends SecretsEnv {}
}
