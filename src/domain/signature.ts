// Sinch's webhook signature: Base64(HMAC-SHA256(secret, body + "." + nonce + "." + timestamp)), as the SDKs verify it.
const encoder = new TextEncoder();

export const SIGNATURE_HEADER = "x-sinch-webhook-signature";
export const NONCE_HEADER = "x-sinch-webhook-signature-nonce";
export const TIMESTAMP_HEADER = "x-sinch-webhook-signature-timestamp";

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
}

const base64 = (bytes: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(bytes)));

export async function sign(secret: string, body: string, nonce: string, timestamp: string): Promise<string> {
  const mac = await crypto.subtle.sign(
    "HMAC",
    await hmacKey(secret),
    encoder.encode(`${body}.${nonce}.${timestamp}`),
  );
  return base64(mac);
}

/** The three headers for a signed call; timestamp in whole seconds, a fresh random nonce. */
export async function signatureHeaders(
  secret: string,
  body: string,
  now: number,
): Promise<Record<string, string>> {
  const nonce = crypto.randomUUID();
  const timestamp = String(Math.floor(now / 1000));
  return {
    [SIGNATURE_HEADER]: await sign(secret, body, nonce, timestamp),
    [NONCE_HEADER]: nonce,
    [TIMESTAMP_HEADER]: timestamp,
  };
}

/** Constant-time check of a signed request's headers against `secret`. */
export async function verifySignature(secret: string, body: string, headers: Headers): Promise<boolean> {
  const signature = headers.get(SIGNATURE_HEADER);
  const nonce = headers.get(NONCE_HEADER);
  const timestamp = headers.get(TIMESTAMP_HEADER);
  if (!signature || !nonce || !timestamp) return false;
  let given: Uint8Array;
  try {
    given = Uint8Array.from(atob(signature), (c) => c.charCodeAt(0));
  } catch {
    return false;
  }
  return crypto.subtle.verify(
    "HMAC",
    await hmacKey(secret),
    given,
    encoder.encode(`${body}.${nonce}.${timestamp}`),
  );
}
