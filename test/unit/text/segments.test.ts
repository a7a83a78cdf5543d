// measureText: encoding choice, units and part counts at every boundary and pitfall in the reference.
import { describe, expect, it } from "vitest";
import { measureText } from "../../../src/domain/text/segments";

const a = (n: number) => "a".repeat(n);
const zh = (n: number) => "ж".repeat(n);
const GRIN = "😀";

describe("measureText: GSM-7", () => {
  it("counts an empty body as GSM, 0 septets, 1 part", () => {
    expect(measureText("")).toEqual({ encoding: "GSM", units: 0, parts: 1 });
  });

  it.each([
    [1, 1],
    [160, 1],
    [161, 2],
    [306, 2],
    [307, 3],
    [459, 3],
    [460, 4],
  ])("%i plain septets need %i part(s)", (n, parts) => {
    expect(measureText(a(n))).toEqual({ encoding: "GSM", units: n, parts });
  });

  it("counts extension characters as 2 septets on both sides of 160", () => {
    expect(measureText("€".repeat(80))).toEqual({ encoding: "GSM", units: 160, parts: 1 });
    expect(measureText(`${"€".repeat(80)}a`)).toEqual({ encoding: "GSM", units: 161, parts: 2 });
    expect(measureText(`${a(158)}{`)).toEqual({ encoding: "GSM", units: 160, parts: 1 });
    expect(measureText(`${a(159)}{`)).toEqual({ encoding: "GSM", units: 161, parts: 2 });
  });

  it("counts every extension character as 2 septets", () => {
    expect(measureText("\f^{}\\[~]|€")).toEqual({ encoding: "GSM", units: 20, parts: 1 });
  });

  it("never splits an escape pair: 153 × ] is 3 parts, not 2", () => {
    expect(measureText("]".repeat(153))).toEqual({ encoding: "GSM", units: 306, parts: 3 });
    expect(measureText("]".repeat(152))).toEqual({ encoding: "GSM", units: 304, parts: 2 });
  });

  it("moves an extension character straddling the 153 boundary to the next part", () => {
    expect(measureText(`${a(152)}{${"b".repeat(152)}`)).toEqual({ encoding: "GSM", units: 306, parts: 3 });
    // The same 306 septets with the pair ending exactly on the boundary fit 2 parts.
    expect(measureText(`${a(151)}{${"b".repeat(153)}`)).toEqual({ encoding: "GSM", units: 306, parts: 2 });
    expect(measureText(`${a(153)}{${"b".repeat(151)}`)).toEqual({ encoding: "GSM", units: 306, parts: 2 });
  });

  it("counts CRLF as 2 septets: 80a + CRLF + 79a is 161, 2 parts", () => {
    expect(measureText(`${a(80)}\r\n${a(79)}`)).toEqual({ encoding: "GSM", units: 161, parts: 2 });
    expect(measureText(`${a(79)}\r\n${a(79)}`)).toEqual({ encoding: "GSM", units: 160, parts: 1 });
  });

  it("counts Ç, the 10 Greek capitals, $ @ ¤ _ as 1 septet each", () => {
    expect(measureText("Ç")).toEqual({ encoding: "GSM", units: 1, parts: 1 });
    expect(measureText("ΔΦΓΛΩΠΨΣΘΞ")).toEqual({ encoding: "GSM", units: 10, parts: 1 });
    expect(measureText("$@¤_")).toEqual({ encoding: "GSM", units: 4, parts: 1 });
  });

  it("counts form feed as 2 septets", () => {
    expect(measureText("\f")).toEqual({ encoding: "GSM", units: 2, parts: 1 });
  });
});

describe("measureText: characters that force UCS-2", () => {
  it.each([
    ["ç (U+00E7)", "ç"],
    ["NBSP", "\u00a0"],
    ["backtick", "`"],
    ["TAB", "\t"],
    ["raw ESC", "\u001b"],
    ["Greek capital alpha", "Α"],
    ["Greek capital beta", "Β"],
    ["OHM SIGN", "\u2126"],
    ["combining acute", "e\u0301"],
  ])("%s", (_name, ch) => {
    const m = measureText(`Hello ${ch}`);
    expect(m.encoding).toBe("UCS2");
    expect(m.units).toBe(6 + ch.length);
  });

  it("switches the whole message with one non-GSM character anywhere", () => {
    expect(measureText(`${a(100)}ç`)).toEqual({ encoding: "UCS2", units: 101, parts: 2 });
    expect(measureText(`ç${a(100)}`)).toEqual({ encoding: "UCS2", units: 101, parts: 2 });
  });

  it("counts extension characters as 1 unit in UCS-2 (Twilio issue #18: 88 units, 2 parts)", () => {
    expect(measureText(`this is a ${"]".repeat(76)}😘`)).toEqual({ encoding: "UCS2", units: 88, parts: 2 });
  });
});

describe("measureText: UCS-2", () => {
  it.each([
    [70, 1],
    [71, 2],
    [134, 2],
    [135, 3],
    [201, 3],
    [202, 4],
  ])("%i code units need %i part(s)", (n, parts) => {
    expect(measureText(zh(n))).toEqual({ encoding: "UCS2", units: n, parts });
  });

  it("counts an emoji as 2 code units on both sides of 70", () => {
    expect(measureText(GRIN.repeat(35))).toEqual({ encoding: "UCS2", units: 70, parts: 1 });
    expect(measureText(`${GRIN.repeat(35)}ж`)).toEqual({ encoding: "UCS2", units: 71, parts: 2 });
  });

  it("never splits a surrogate pair: 67 × 😀 is 3 parts, not 2", () => {
    expect(measureText(GRIN.repeat(67))).toEqual({ encoding: "UCS2", units: 134, parts: 3 });
    expect(measureText(GRIN.repeat(66))).toEqual({ encoding: "UCS2", units: 132, parts: 2 });
  });

  it("moves an emoji straddling the 67 boundary to the next part", () => {
    expect(measureText(`${zh(66)}${GRIN}${zh(66)}`)).toEqual({ encoding: "UCS2", units: 134, parts: 3 });
    expect(measureText(`${zh(65)}${GRIN}${zh(67)}`)).toEqual({ encoding: "UCS2", units: 134, parts: 2 });
  });

  it("handles a straddling emoji after a long GSM prefix (scan resumes mid-text)", () => {
    expect(measureText(`${a(66)}${GRIN}${a(66)}`)).toEqual({ encoding: "UCS2", units: 134, parts: 3 });
    expect(measureText(`${a(67)}${GRIN}${a(65)}`)).toEqual({ encoding: "UCS2", units: 134, parts: 2 });
    expect(measureText(`${a(133)}${GRIN}`)).toEqual({ encoding: "UCS2", units: 135, parts: 3 });
  });

  it("counts code units, not code points or graphemes: 70 × e + U+0301 is 140 units, 3 parts", () => {
    expect(measureText("e\u0301".repeat(70))).toEqual({ encoding: "UCS2", units: 140, parts: 3 });
  });

  it("counts a lone surrogate as 1 unit that can end a part", () => {
    expect(measureText("\ud83d")).toEqual({ encoding: "UCS2", units: 1, parts: 1 });
    // A high surrogate not followed by a low one is not a pair, so nothing moves.
    expect(measureText(`${zh(66)}\ud83d${zh(67)}`)).toEqual({ encoding: "UCS2", units: 134, parts: 2 });
    expect(measureText(`${zh(66)}\ude00\ud83d${zh(66)}`)).toEqual({ encoding: "UCS2", units: 134, parts: 2 });
  });
});
