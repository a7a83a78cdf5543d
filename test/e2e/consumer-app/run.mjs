// Plain JavaScript on Node: imports the installed package as any JS app would, then runs the compiled app against
// the gateway named by GATEWAY_URL, GATEWAY_PLAN and GATEWAY_TOKEN, and prints what happened as JSON.
import { createGatewayClient, isGatewayError, TRPCClientError } from "sinch-edge-gateway/client";

const exported = { createGatewayClient, isGatewayError, TRPCClientError };
const missing = Object.entries(exported).filter(([, v]) => typeof v !== "function");
if (missing.length > 0) throw new Error(`not exported: ${missing.map(([k]) => k).join(", ")}`);

if (process.argv[2] === "--imports-only") {
  console.log(JSON.stringify({ node: process.version, exports: Object.keys(exported) }));
} else {
  const { scenario } = await import("./out/app.js");
  const { GATEWAY_URL, GATEWAY_PLAN, GATEWAY_TOKEN } = process.env;
  console.log(JSON.stringify(await scenario(GATEWAY_URL, GATEWAY_PLAN, GATEWAY_TOKEN)));
}
