// The app under test: texts a sign-in code to a phone through the gateway's typed client.
import type { GatewayClient } from "sinch-edge-gateway/client";

/** The short code the app texts from (and where phones reply). */
export const SENDER = "12345";

/** Sends a fresh six-digit code to `phone`; the app would keep the code to check it later. */
export async function sendOneTimeCode(gateway: GatewayClient, phone: string) {
  const code = String(crypto.getRandomValues(new Uint32Array(1))[0] % 1_000_000).padStart(6, "0");
  const batch = await gateway.batches.send.mutate({
    from: SENDER,
    to: [phone],
    body: `Your Acme code is ${code}`,
  });
  return { batchId: batch.id, code };
}
