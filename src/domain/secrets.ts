// Secrets at rest (a plan's Sinch API token and webhook secret): AES-256-GCM under a key held as a Worker secret.
import { ApiError } from "./errors";

const encoder = new TextEncoder();
const VERSION = "v1";

/** Any string works as key material (UPSTREAM_ENCRYPTION_KEY); SHA-256 makes it a 256-bit AES key. */
async function aesKey(material: string): Promise<CryptoKey> {
  const raw = await crypto.subtle.digest("SHA-256", encoder.encode(material));
  return crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
}

const b64 = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes))));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export function requireKey(material: string | undefined): string {
  if (!material)
    throw new ApiError(
      "syntax_constraint_violation",
      "upstream: the gateway has no UPSTREAM_ENCRYPTION_KEY secret set",
    );
  return material;
}

export async function encryptSecret(material: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    await aesKey(material),
    encoder.encode(plaintext),
  );
  return `${VERSION}.${b64(iv)}.${b64(sealed)}`;
}

export async function decryptSecret(material: string, sealed: string): Promise<string> {
  const [version, iv, data] = sealed.split(".");
  if (version !== VERSION || !iv || !data) throw new Error("unreadable sealed secret");
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: unb64(iv) },
    await aesKey(material),
    unb64(data),
  );
  return new TextDecoder().decode(plain);
}
