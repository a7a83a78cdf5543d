// The grapheme rule: only surrogate pairs are kept whole, not grapheme clusters (differs from Twilio).
import { describe, expect, it } from "vitest";
import { measureText, splitText } from "../../../src/domain/text/segments";

const zh = (n: number) => "ж".repeat(n);
const FAMILY = "👨‍👩‍👧‍👦"; // 4 emoji joined by 3 ZWJ: 11 code units
const THUMBS_UP_LIGHT = "👍🏻"; // emoji + skin tone modifier: 4 code units

describe("grapheme clusters straddling a part boundary", () => {
  it("splits a ZWJ sequence between its code points (Twilio: 3 parts)", () => {
    expect(FAMILY.length).toBe(11);
    const text = `${zh(60)}${FAMILY}${zh(62)}`;
    expect(measureText(text)).toEqual({ encoding: "UCS2", units: 133, parts: 2 });
    const [first, second] = splitText(text);
    expect(first).toBe(`${zh(60)}👨‍👩‍`); // 60 + 6 units: the cut lands after a ZWJ
    expect(second).toBe(`👧‍👦${zh(62)}`);
  });

  it("splits an emoji from its skin tone modifier (Twilio: 3 parts)", () => {
    const text = `${zh(65)}${THUMBS_UP_LIGHT}${zh(65)}`;
    expect(measureText(text)).toEqual({ encoding: "UCS2", units: 134, parts: 2 });
    expect(splitText(text)).toEqual([`${zh(65)}👍`, `🏻${zh(65)}`]);
  });

  it("splits a base letter from its combining mark", () => {
    const text = `${zh(66)}e\u0301${zh(66)}`;
    expect(measureText(text)).toEqual({ encoding: "UCS2", units: 134, parts: 2 });
    expect(splitText(text)).toEqual([`${zh(66)}e`, `\u0301${zh(66)}`]);
  });

  it("still keeps each surrogate pair inside a cluster whole", () => {
    const text = `${zh(66)}${THUMBS_UP_LIGHT}${zh(64)}`;
    expect(measureText(text)).toEqual({ encoding: "UCS2", units: 134, parts: 3 });
    expect(splitText(text)).toEqual([zh(66), `${THUMBS_UP_LIGHT}${zh(63)}`, zh(1)]);
  });
});
