// GSM 03.38 default alphabet as a septet-width table indexed by UTF-16 code unit (3GPP TS 23.038).

/** The 127 characters of the basic table, in GSM code order (0x1B, the escape, is not a character). */
export const GSM_BASIC_CHARS =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/** The 10 characters of the extension table; each costs ESC + code = 2 septets. */
export const GSM_EXTENSION_CHARS = "\f^{}\\[~]|€";

/** Width in septets of each BMP code unit: 1 = basic table, 2 = extension table (ESC + code), 0 = not GSM. */
export const GSM_WIDTH: Uint8Array = buildWidthTable();

/** Septet width of one UTF-16 code unit (0 when it forces UCS-2). */
export function gsmWidth(codeUnit: number): number {
  return GSM_WIDTH[codeUnit] ?? 0;
}

// A full 64 Ki table costs 64 KB once and removes the bounds check from every lookup:
// any charCodeAt() result is a valid index.
function buildWidthTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < GSM_BASIC_CHARS.length; i++) table[GSM_BASIC_CHARS.charCodeAt(i)] = 1;
  for (let i = 0; i < GSM_EXTENSION_CHARS.length; i++) table[GSM_EXTENSION_CHARS.charCodeAt(i)] = 2;
  return table;
}
