// Size checks for mt_binary: Base64 body and hex UDH lengths in bytes, and parts at 140 bytes each.

/** One SMS carries 140 octets of user data, UDH included. */
export const BINARY_PART_BYTES = 140;

/**
 * Parts needed when body and UDH travel together, 140 bytes a part (at least 1). Sinch does not
 * segment mt_binary (the client supplies the UDH), so anything above 1 means "does not fit".
 */
export function binaryParts(bodyBytes: number, udhBytes: number): number {
  const total = bodyBytes + udhBytes;
  return total <= BINARY_PART_BYTES ? 1 : Math.ceil(total / BINARY_PART_BYTES);
}

const BASE64_CHAR = buildBase64Table();
const PAD = 0x3d;

/**
 * Decoded length of standard Base64 (`A-Za-z0-9+/`), padded or unpadded, no whitespace;
 * undefined if it is not valid Base64. The empty string is 0 bytes.
 */
export function base64ByteLength(b64: string): number | undefined {
  let end = b64.length;
  let pads = 0;
  while (pads < 2 && end > 0 && b64.charCodeAt(end - 1) === PAD) {
    end--;
    pads++;
  }
  // Padding, when present, must complete a 4-char group.
  if (pads > 0 && b64.length % 4 !== 0) return undefined;
  const remainder = end % 4;
  if (remainder === 1) return undefined;
  for (let i = 0; i < end; i++) {
    if (BASE64_CHAR[b64.charCodeAt(i)] !== 1) return undefined;
  }
  return ((end - remainder) / 4) * 3 + (remainder === 0 ? 0 : remainder - 1);
}

/** Bytes in an even-length hex string (either case); undefined if it is not valid hex. */
export function hexByteLength(hex: string): number | undefined {
  if (hex.length % 2 !== 0) return undefined;
  for (let i = 0; i < hex.length; i++) {
    const c = hex.charCodeAt(i);
    const lower = c | 0x20; // folds A-F onto a-f
    if (!((c >= 0x30 && c <= 0x39) || (lower >= 0x61 && lower <= 0x66))) return undefined;
  }
  return hex.length / 2;
}

function buildBase64Table(): Uint8Array {
  const table = new Uint8Array(128);
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}
