// The lone-surrogate pre-check: JSON text without a surrogate escape never parses to a lone surrogate.
import { describe, expect, it } from "vitest";
import { loneSurrogatePath, mayHoldLoneSurrogate } from "../../../src/domain/well-formed";

describe("mayHoldLoneSurrogate", () => {
  it("flags every surrogate escape, in either case", () => {
    for (const text of ['{"body":"\\ud800"}', '{"b":"x\\uDFFF"}', '["\\uDbFf"]', '{"k\\udc00":1}'])
      expect(mayHoldLoneSurrogate(text), text).toBe(true);
  });

  it("passes text whose escapes are outside the surrogate range", () => {
    for (const text of [
      '{"body":"caf\\u00e9 \\u20ac"}',
      '{"body":"\\ud7ff \\ue000"}',
      '{"to":["46700000001"]}',
    ])
      expect(mayHoldLoneSurrogate(text), text).toBe(false);
  });

  it("never passes a text that parses to a lone surrogate", () => {
    // Every surrogate code unit, alone, first or last in a string, as JSON.stringify writes it.
    for (let unit = 0xd800; unit <= 0xdfff; unit++) {
      const value = { body: `a${String.fromCharCode(unit)}`, to: [String.fromCharCode(unit)] };
      const text = JSON.stringify(value);
      expect(loneSurrogatePath(JSON.parse(text))).toBeDefined();
      expect(mayHoldLoneSurrogate(text)).toBe(true);
    }
  });

  it("decoded UTF-8 holds no lone surrogate, even from encoded surrogates", () => {
    // CESU-8 style bytes of U+D800 decode to replacement characters, not to a surrogate.
    const text = new TextDecoder().decode(new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22]));
    expect(mayHoldLoneSurrogate(text)).toBe(false);
    expect(loneSurrogatePath(JSON.parse(text))).toBeUndefined();
  });
});
