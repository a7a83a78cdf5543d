// Vitest global setup (Node): two real gateways under wrangler dev for the Sinch-upstream round trip:
// A forwards to B as if B were Sinch (simulator mode), B calls A's webhook back.
import { freePort, startLocalGateway } from "../../scripts/local-gateway.mjs";

export const E2E_ADMIN_TOKEN = "e2e-admin-token";

export default async function setup(project) {
  // Both gateways call each other on 127.0.0.1: private callback addresses must be allowed, as in local development.
  const common = {
    ADMIN_TOKEN: E2E_ADMIN_TOKEN,
    SIMULATOR_DELIVERY_DELAY_MS: "0",
    CALLBACK_ALLOW_PRIVATE: "true",
  };
  // A's PUBLIC_URL must name its own port, so A's port is chosen before it starts.
  const portA = await freePort();
  const [a, b] = await Promise.all([
    startLocalGateway({
      name: "gateway-e2e-a",
      port: portA,
      vars: {
        ...common,
        UPSTREAM_ENCRYPTION_KEY: "e2e-upstream-encryption-key",
        PUBLIC_URL: `http://127.0.0.1:${portA}`,
      },
    }),
    startLocalGateway({ name: "gateway-e2e-b", vars: common }),
  ]);
  project.provide("gatewayA", a.url);
  project.provide("gatewayB", b.url);
  project.provide("e2eAdminToken", E2E_ADMIN_TOKEN);
  return async () => {
    await Promise.all([a.stop(), b.stop()]);
  };
}
