// chooseEncoding and the substitution table: transliterate only when it saves parts.
import SmartEncodingMapModule from "sms-segments-calculator/dist/libs/SmartEncodingMap.js";
import { describe, expect, it } from "vitest";
import { chooseEncoding, transliterate } from "../../../src/domain/text/auto-encoding";
import { GSM_WIDTH } from "../../../src/domain/text/gsm-alphabet";
import { measureText } from "../../../src/domain/text/segments";
import { SMART_ENCODING_MAP } from "../../../src/domain/text/smart-encoding-map";

const a = (n: number) => "a".repeat(n);
const ON = { autoEncoding: true };
const OFF = { autoEncoding: false };

const twilioMap = ((SmartEncodingMapModule as { default?: unknown }).default ??
  SmartEncodingMapModule) as Record<string, string>;
// Where we deliberately differ from the calculator: one space instead of two.
const ONE_SPACE_NOT_TWO =
  "\u00a0\u2000\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u0080\u008d\u0090\u009b\u009f";

describe("substitution table", () => {
  it("has the calculator's 271 entries with the same replacements, spaces aside", () => {
    expect(Object.keys(twilioMap)).toHaveLength(271);
    expect(SMART_ENCODING_MAP.size).toBe(271);
    for (const [source, replacement] of Object.entries(twilioMap)) {
      const expected = ONE_SPACE_NOT_TWO.includes(source) ? " " : replacement;
      expect(SMART_ENCODING_MAP.get(source.charCodeAt(0)), source.charCodeAt(0).toString(16)).toBe(expected);
    }
  });

  it("maps only non-GSM characters, to GSM-only replacements", () => {
    for (const [code, replacement] of SMART_ENCODING_MAP) {
      expect(GSM_WIDTH[code], code.toString(16)).toBe(0);
      expect(measureText(replacement).encoding).toBe("GSM");
    }
  });

  it("maps fullwidth capitals but not fullwidth small letters", () => {
    expect(transliterate("ＡＢＣ")).toBe("ABC");
    expect(transliterate("ａｂｃ")).toBe("ａｂｃ");
    expect(transliterate("ᴀʙᴄ")).toBe("ABC");
  });
});

describe("transliterate", () => {
  it("returns the same string when nothing is mapped", () => {
    const text = "plain ж 😀";
    expect(transliterate(text)).toBe(text);
  });

  it("replaces per character, keeping the rest and surrogate pairs", () => {
    expect(transliterate("“Hi”… it’s 😀 ½ — ok‼")).toBe('"Hi"... it\'s 😀 1/2 - ok!!');
  });

  it("turns NBSP and the fixed-width spaces into one space, TAB into 7", () => {
    expect(transliterate("a\u00a0b\u2003c\u3000d")).toBe("a b c d");
    expect(transliterate("a\tb")).toBe(`a${" ".repeat(7)}b`);
  });

  it("deletes zero-width and control characters", () => {
    expect(transliterate("a\u200bb\ufeffc\u0000d\u200ce")).toBe("abcde");
  });

  it("leaves the backtick-free GSM text, € and extension characters alone", () => {
    expect(transliterate("€[]{}")).toBe("€[]{}");
    expect(transliterate("`")).toBe("'");
  });
});

describe("chooseEncoding", () => {
  it("is measureText of the text when auto encoding is off", () => {
    const text = `“${a(100)}”`;
    expect(chooseEncoding(text, OFF)).toEqual({ text, ...measureText(text), transliterated: false });
    expect(chooseEncoding(text, OFF).encoding).toBe("UCS2");
  });

  it("leaves GSM text alone", () => {
    const text = a(200);
    expect(chooseEncoding(text, ON)).toEqual({
      text,
      encoding: "GSM",
      units: 200,
      parts: 2,
      transliterated: false,
    });
  });

  it("keeps a one-part UCS-2 text as Unicode (nothing to save)", () => {
    const text = "“Hello”";
    expect(chooseEncoding(text, ON)).toEqual({
      text,
      encoding: "UCS2",
      units: 7,
      parts: 1,
      transliterated: false,
    });
  });

  it("transliterates when that lowers the part count", () => {
    const text = `“${a(100)}”`;
    expect(measureText(text).parts).toBe(2);
    expect(chooseEncoding(text, ON)).toEqual({
      text: `"${a(100)}"`,
      encoding: "GSM",
      units: 102,
      parts: 1,
      transliterated: true,
    });
  });

  it("keeps the original when transliteration saves nothing", () => {
    // 100 ellipses: UCS-2 100 units = 2 parts; as "..." 300 septets = 2 parts.
    const ellipses = "…".repeat(100);
    expect(chooseEncoding(ellipses, ON)).toEqual({
      text: ellipses,
      encoding: "UCS2",
      units: 100,
      parts: 2,
      transliterated: false,
    });
    // An emoji keeps the text UCS-2 whatever else is replaced.
    const withEmoji = `😀“${a(100)}”`;
    expect(chooseEncoding(withEmoji, ON)).toEqual({
      text: withEmoji,
      ...measureText(withEmoji),
      transliterated: false,
    });
  });

  it("uses the transliteration even if it stays UCS-2 when deletions save a part", () => {
    const text = `😀${"ж".repeat(66)}${"\u200b".repeat(5)}`;
    expect(measureText(text).parts).toBe(2);
    expect(chooseEncoding(text, ON)).toEqual({
      text: `😀${"ж".repeat(66)}`,
      encoding: "UCS2",
      units: 68,
      parts: 1,
      transliterated: true,
    });
  });

  it("counts NBSP as one space after transliteration", () => {
    const text = `${a(80)}\u00a0${a(79)}`;
    expect(chooseEncoding(text, ON)).toEqual({
      text: `${a(80)} ${a(79)}`,
      encoding: "GSM",
      units: 160,
      parts: 1,
      transliterated: true,
    });
  });

  it("still counts € and extension characters as 2 septets after transliteration", () => {
    const text = `“${"€".repeat(75)}`;
    expect(chooseEncoding(text, ON)).toEqual({
      text: `"${"€".repeat(75)}`,
      encoding: "GSM",
      units: 151,
      parts: 1,
      transliterated: true,
    });
  });

  it("does not touch combining marks (U+0301 is not in the table)", () => {
    const text = "e\u0301".repeat(40);
    expect(chooseEncoding(text, ON)).toEqual({
      text,
      encoding: "UCS2",
      units: 80,
      parts: 2,
      transliterated: false,
    });
  });
});
