// The GSM 03.38 width table against the reference code point list and Twilio's table.
import UnicodeToGsmModule from "sms-segments-calculator/dist/libs/UnicodeToGSM.js";
import { describe, expect, it } from "vitest";
import { GSM_EXTENSION_CHARS, GSM_WIDTH, gsmWidth } from "../../../src/domain/text/gsm-alphabet";

// Sorted list from the reference (sms-encoding.md §1.1).
const BASIC_REFERENCE =
  "000A 000D 0020-0023 0024 0025-002F 0030-0039 003A-003F 0040 0041-005A 005F 0061-007A 00A1 00A3 00A4 " +
  "00A5 00A7 00BF 00C4 00C5 00C6 00C7 00C9 00D1 00D6 00D8 00DC 00DF 00E0 00E4 00E5 00E6 00E8 00E9 00EC " +
  "00F1 00F2 00F6 00F8 00F9 00FC 0393 0394 0398 039B 039E 03A0 03A3 03A6 03A8 03A9";
const EXTENSION_REFERENCE = [0x0c, 0x5b, 0x5c, 0x5d, 0x5e, 0x7b, 0x7c, 0x7d, 0x7e, 0x20ac];

function expand(list: string): number[] {
  return list.split(" ").flatMap((item) => {
    const [from, to] = item.split("-").map((hex) => Number.parseInt(hex, 16)) as [number, number?];
    const out: number[] = [];
    for (let c = from; c <= (to ?? from); c++) out.push(c);
    return out;
  });
}

function codesWithWidth(width: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < GSM_WIDTH.length; c++) if (GSM_WIDTH[c] === width) out.push(c);
  return out;
}

describe("GSM width table", () => {
  it("has exactly the 127 basic characters of the reference at 1 septet", () => {
    expect(codesWithWidth(1)).toEqual(expand(BASIC_REFERENCE));
    expect(codesWithWidth(1)).toHaveLength(127);
  });

  it("has exactly the 10 extension characters at 2 septets", () => {
    expect(codesWithWidth(2)).toEqual(EXTENSION_REFERENCE);
    expect([...GSM_EXTENSION_CHARS].map((ch) => ch.charCodeAt(0)).sort((a, b) => a - b)).toEqual(
      EXTENSION_REFERENCE,
    );
  });

  it("matches Twilio's UnicodeToGSM table entry for entry", () => {
    const twilio = ((UnicodeToGsmModule as { default?: unknown }).default ?? UnicodeToGsmModule) as Record<
      string,
      number[]
    >;
    const fromTwilio = new Map(Object.entries(twilio).map(([code, gsm]) => [Number(code), gsm.length]));
    expect(fromTwilio.size).toBe(137);
    for (const [code, width] of fromTwilio) expect(GSM_WIDTH[code], code.toString(16)).toBe(width);
  });

  it("treats the pitfalls as the reference says", () => {
    expect(gsmWidth(0x00c7)).toBe(1); // Ç is GSM 0x09
    expect(gsmWidth(0x00e7)).toBe(0); // ç is not
    expect(gsmWidth(0x00a0)).toBe(0); // NBSP is not the ESC slot
    expect(gsmWidth(0x001b)).toBe(0); // a raw ESC is not encodable
    expect(gsmWidth(0x0060)).toBe(0); // backtick
    expect(gsmWidth(0x0009)).toBe(0); // TAB
    expect(gsmWidth(0x000c)).toBe(2); // form feed is ESC 0x0A
    expect(gsmWidth(0x0391)).toBe(0); // Greek Α
    expect(gsmWidth(0x0392)).toBe(0); // Greek Β
    expect(gsmWidth(0x2126)).toBe(0); // OHM SIGN
    expect(gsmWidth(0x03a9)).toBe(1); // Greek Ω
    expect(gsmWidth(0xd83d)).toBe(0); // a surrogate
  });
});
