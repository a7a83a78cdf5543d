// splitText and truncateToOnePart: the parts themselves, pairs kept whole, parts ending one slot short.
import { describe, expect, it } from "vitest";
import { GSM_WIDTH } from "../../../src/domain/text/gsm-alphabet";
import { measureText, splitText, truncateToOnePart } from "../../../src/domain/text/segments";
import { randomBody, seededRandom } from "../../helpers/random-text";

const a = (n: number) => "a".repeat(n);
const b = (n: number) => "b".repeat(n);
const zh = (n: number) => "ж".repeat(n);
const GRIN = "😀";

function cost(part: string, encoding: "GSM" | "UCS2"): number {
  if (encoding === "UCS2") return part.length;
  let septets = 0;
  for (let i = 0; i < part.length; i++) septets += GSM_WIDTH[part.charCodeAt(i)] as number;
  return septets;
}

const isHigh = (c: number) => (c & 0xfc00) === 0xd800;
const isLow = (c: number) => (c & 0xfc00) === 0xdc00;

describe("splitText", () => {
  it("returns one empty part for an empty body", () => {
    expect(splitText("")).toEqual([""]);
  });

  it("returns the text itself when it fits one part", () => {
    expect(splitText("hi")).toEqual(["hi"]);
    expect(splitText(a(160))).toEqual([a(160)]);
    expect(splitText(zh(70))).toEqual([zh(70)]);
    expect(splitText("€".repeat(80))).toEqual(["€".repeat(80)]);
  });

  it("cuts GSM at 153 septets once the text needs more than one part", () => {
    expect(splitText(a(161))).toEqual([a(153), a(8)]);
    expect(splitText(a(307))).toEqual([a(153), a(153), a(1)]);
  });

  it("cuts UCS-2 at 67 code units once the text needs more than one part", () => {
    expect(splitText(zh(71))).toEqual([zh(67), zh(4)]);
    expect(splitText(zh(135))).toEqual([zh(67), zh(67), zh(1)]);
  });

  it("ends a part one septet short rather than splitting an escape pair", () => {
    expect(splitText("]".repeat(153))).toEqual(["]".repeat(76), "]".repeat(76), "]"]);
    expect(splitText(`${a(152)}{${b(152)}`)).toEqual([a(152), `{${b(151)}`, b(1)]);
  });

  it("ends a part one unit short rather than splitting a surrogate pair", () => {
    expect(splitText(GRIN.repeat(67))).toEqual([GRIN.repeat(33), GRIN.repeat(33), GRIN]);
    expect(splitText(`${zh(66)}${GRIN}${zh(66)}`)).toEqual([zh(66), `${GRIN}${zh(65)}`, zh(1)]);
  });

  it("may cut between CR and LF: they are two separate GSM characters", () => {
    expect(splitText(`${a(152)}\r\n${a(10)}`)).toEqual([`${a(152)}\r`, `\n${a(10)}`]);
  });

  it("round-trips random bodies into parts that each fit and never cut a pair", () => {
    const random = seededRandom(7);
    for (let n = 0; n < 3000; n++) {
      const body = randomBody(random);
      const m = measureText(body);
      const parts = splitText(body);
      expect(parts.join("")).toBe(body);
      expect(parts).toHaveLength(m.parts);
      const capacity = m.parts === 1 ? (m.encoding === "GSM" ? 160 : 70) : m.encoding === "GSM" ? 153 : 67;
      for (let p = 0; p < parts.length; p++) {
        const part = parts[p] as string;
        expect(cost(part, m.encoding)).toBeLessThanOrEqual(capacity);
        const next = parts[p + 1];
        if (next !== undefined) {
          expect(isHigh(part.charCodeAt(part.length - 1)) && isLow(next.charCodeAt(0))).toBe(false);
          // Greedy: the next item would not have fitted in this part.
          const nextWidth =
            m.encoding === "GSM"
              ? (GSM_WIDTH[next.charCodeAt(0)] as number)
              : isHigh(next.charCodeAt(0))
                ? 2
                : 1;
          expect(cost(part, m.encoding) + nextWidth).toBeGreaterThan(capacity);
        }
      }
    }
  });
});

describe("truncateToOnePart", () => {
  it("returns a one-part text unchanged", () => {
    expect(truncateToOnePart("")).toBe("");
    expect(truncateToOnePart(a(160))).toBe(a(160));
    expect(truncateToOnePart(zh(70))).toBe(zh(70));
  });

  it("keeps 160 septets of a GSM text", () => {
    expect(truncateToOnePart(a(161))).toBe(a(160));
    expect(truncateToOnePart(a(500))).toBe(a(160));
  });

  it("drops an extension character that would straddle the 160th septet", () => {
    expect(truncateToOnePart(`${a(159)}€b`)).toBe(a(159));
    expect(truncateToOnePart(`${a(158)}€b`)).toBe(`${a(158)}€`);
  });

  it("keeps 70 code units of a UCS-2 text without splitting a surrogate pair", () => {
    expect(truncateToOnePart(zh(71))).toBe(zh(70));
    expect(truncateToOnePart(`${zh(69)}${GRIN}${zh(5)}`)).toBe(zh(69));
    expect(truncateToOnePart(`${zh(68)}${GRIN}${zh(5)}`)).toBe(`${zh(68)}${GRIN}`);
  });

  it("truncates in the encoding of the whole text, even if the kept prefix is all GSM", () => {
    const kept = truncateToOnePart(`${a(150)}ж`);
    expect(kept).toBe(a(70));
    expect(measureText(kept)).toEqual({ encoding: "GSM", units: 70, parts: 1 });
  });

  it("always yields a one-part prefix for random bodies", () => {
    const random = seededRandom(11);
    for (let n = 0; n < 3000; n++) {
      const body = randomBody(random);
      const kept = truncateToOnePart(body);
      expect(body.startsWith(kept)).toBe(true);
      expect(measureText(kept).parts).toBe(1);
      if (measureText(body).parts === 1) expect(kept).toBe(body);
      else expect(kept.length).toBeGreaterThan(0);
    }
  });
});
