// Secrets and optional vars: not in wrangler.toml, so `wrangler types` cannot see them.
interface SecretsEnv {
  /** Guards /admin/v1 and the tRPC admin.* procedures; the admin API is off when unset. */
  ADMIN_TOKEN?: string;
}
interface Env extends SecretsEnv {}
declare namespace Cloudflare {
  interface Env extends SecretsEnv {}
}
