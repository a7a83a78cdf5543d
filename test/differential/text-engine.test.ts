// Differential test: our part counting against Twilio's sms-segments-calculator on seeded random bodies.
import { SegmentedMessage } from "sms-segments-calculator";
import { describe, expect, it } from "vitest";
import { type Encoding, measureText, splitText } from "../../src/domain/text/segments";
import { randomBody, seededRandom } from "../helpers/random-text";

const STRINGS = 20_000;
const SEED = 0x5ec7e57;

const TWILIO_ENCODING: Record<string, Encoding> = { "GSM-7": "GSM", "UCS-2": "UCS2" };

// Twilio's segments hold its 6 UDH octets as objects without `raw`; the characters carry `raw`.
// Plain loops: Segment subclasses Array, so segment.map() would build a Segment (with UDH) via @@species.
function twilioPartTexts(message: SegmentedMessage): string[] {
  const texts: string[] = [];
  for (const segment of message.segments) {
    let text = "";
    for (const item of segment as readonly { raw?: string }[]) text += item.raw ?? "";
    texts.push(text);
  }
  return texts;
}

// Twilio keeps grapheme clusters whole, we keep only surrogate pairs whole (see segments.ts):
// bodies with a multi-code-point cluster are the documented difference, not a bug. The generator
// avoids them (no ZWJ, modifiers, variation selectors or combining marks), so none should appear.
function hasMultiCodePointCluster(graphemes: readonly string[]): boolean {
  return graphemes.some((g) => g.length > 2 || (g.length === 2 && g.codePointAt(0) === g.charCodeAt(0)));
}

describe("differential against sms-segments-calculator 1.3.0", () => {
  it(`agrees on encoding, units, parts and part texts for ${STRINGS} seeded random bodies`, () => {
    const random = seededRandom(SEED);
    let compared = 0;
    let excluded = 0;
    let mismatchCount = 0;
    const mismatches: string[] = [];
    let splitMismatches = 0;
    let naiveWouldMismatch = 0;
    const partCounts = new Map<number, number>();
    for (let n = 0; n < STRINGS; n++) {
      const body = randomBody(random);
      const twilio = new SegmentedMessage(body);
      if (hasMultiCodePointCluster(twilio.graphemes)) {
        excluded++;
        continue;
      }
      compared++;
      const ours = measureText(body);
      const encoding = TWILIO_ENCODING[twilio.encodingName];
      // messageSize is the payload in bits without UDH: 7 per septet, 16 per UTF-16 code unit.
      const units = twilio.messageSize / (encoding === "GSM" ? 7 : 16);
      const parts = twilio.segmentsCount;
      if (splitText(body).join("\u0000") !== twilioPartTexts(twilio).join("\u0000")) splitMismatches++;
      const [single, multi] = encoding === "GSM" ? [160, 153] : [70, 67];
      if ((units <= single ? 1 : Math.ceil(units / multi)) !== parts) naiveWouldMismatch++;
      partCounts.set(parts, (partCounts.get(parts) ?? 0) + 1);
      if (ours.encoding !== encoding || ours.units !== units || ours.parts !== parts) {
        mismatchCount++;
        if (mismatches.length < 5) {
          mismatches.push(
            `${JSON.stringify(body)}: ours ${JSON.stringify(ours)}, twilio ${encoding}/${units}/${parts}`,
          );
        }
      }
    }
    expect(excluded).toBe(0);
    expect(compared).toBe(STRINGS);
    expect(mismatches).toEqual([]);
    expect(mismatchCount).toBe(0);
    expect(splitMismatches).toBe(0);
    // The sample must exercise the pair rule (a plain ceil(units / 153) count fails on it) and
    // multipart bodies.
    expect(naiveWouldMismatch).toBeGreaterThan(100);
    expect(partCounts.get(1)).toBeGreaterThan(1000);
    expect(partCounts.get(2)).toBeGreaterThan(1000);
    expect(partCounts.get(3)).toBeGreaterThan(1000);
  }, 120_000);
});
