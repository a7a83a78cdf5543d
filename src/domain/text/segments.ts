// Encoding detection and SMS part counting, splitting and one-part truncation (GSM-7 / UCS-2).
//
// Grapheme rule: parts are cut per code unit, keeping only GSM escape pairs (ESC + char) and UTF-16
// surrogate pairs whole, as 3GPP TS 23.038 and Sinch's own text describe. Twilio's calculator keeps
// whole grapheme clusters (ZWJ emoji, skin tones, combining marks) together instead; the two differ
// only when such a cluster straddles a part boundary (e.g. 'ж'×65 + 👍🏻 + 'ж'×65 = 134 units is
// 2 parts here, 3 in Twilio's calculator). We follow the carrier rule: it needs no Unicode
// segmentation data, and no Sinch statement says clusters are kept whole.
import { GSM_WIDTH } from "./gsm-alphabet";

export type Encoding = "GSM" | "UCS2";

export interface TextMeasure {
  encoding: Encoding;
  /** GSM septets or UTF-16 code units. */
  units: number;
  parts: number;
}

export const GSM_SINGLE_PART_SEPTETS = 160;
/** 140 octets minus the 6-octet concatenation UDH, in septets (after fill bits). */
export const GSM_MULTI_PART_SEPTETS = 153;
export const UCS2_SINGLE_PART_UNITS = 70;
/** 140 octets minus the 6-octet concatenation UDH, in UTF-16 code units. */
export const UCS2_MULTI_PART_UNITS = 67;

/**
 * Encoding, size and part count of a text. One non-GSM code unit makes the whole text UCS-2.
 * An empty text is GSM, 0 units, 1 part. Never allocates beyond the result object.
 */
export function measureText(text: string): TextMeasure {
  const n = text.length;
  let septets = 0;
  // Greedy fill at the multipart capacity, tracked in the same pass; used only above 160 septets.
  let fill = 0;
  let parts = 1;
  for (let i = 0; i < n; i++) {
    const w = GSM_WIDTH[text.charCodeAt(i)] as number;
    if (w === 0) return measureUcs2(text, i);
    septets += w;
    fill += w;
    if (fill > GSM_MULTI_PART_SEPTETS) {
      parts++;
      fill = w;
    }
  }
  return { encoding: "GSM", units: septets, parts: septets <= GSM_SINGLE_PART_SEPTETS ? 1 : parts };
}

/** The parts themselves, in order; concatenated they give back `text`. Always at least one part. */
export function splitText(text: string): string[] {
  const { encoding, parts } = measureText(text);
  if (parts === 1) return [text];
  const capacity = encoding === "GSM" ? GSM_MULTI_PART_SEPTETS : UCS2_MULTI_PART_UNITS;
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    const end = fitEnd(text, start, encoding, capacity);
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

/**
 * Longest prefix that fits one part in the text's own encoding (160 septets or 70 code units),
 * for Sinch's `truncate_concat`. The encoding is decided on the whole text first, as the carrier
 * encodes before truncating; the prefix then always measures as one part.
 */
export function truncateToOnePart(text: string): string {
  const { encoding, parts } = measureText(text);
  if (parts === 1) return text;
  const capacity = encoding === "GSM" ? GSM_SINGLE_PART_SEPTETS : UCS2_SINGLE_PART_UNITS;
  return text.slice(0, fitEnd(text, 0, encoding, capacity));
}

// `from` is where the GSM scan stopped: everything before it is single-unit BMP text, so the
// greedy fill state for that prefix is arithmetic and the scan resumes there.
function measureUcs2(text: string, from: number): TextMeasure {
  const n = text.length;
  if (n <= UCS2_SINGLE_PART_UNITS) return { encoding: "UCS2", units: n, parts: 1 };
  let parts = from === 0 ? 1 : Math.ceil(from / UCS2_MULTI_PART_UNITS);
  let fill = from - (parts - 1) * UCS2_MULTI_PART_UNITS;
  for (let i = from; i < n; i++) {
    let w = 1;
    // charCodeAt past the end is NaN, and NaN & x is 0, so the last unit needs no bounds check.
    if ((text.charCodeAt(i) & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      w = 2;
      i++;
    }
    fill += w;
    if (fill > UCS2_MULTI_PART_UNITS) {
      parts++;
      fill = w;
    }
  }
  return { encoding: "UCS2", units: n, parts };
}

// End index (exclusive) of the longest run from `start` that fits `capacity` without cutting a pair.
function fitEnd(text: string, start: number, encoding: Encoding, capacity: number): number {
  const n = text.length;
  let fill = 0;
  let i = start;
  if (encoding === "GSM") {
    while (i < n) {
      const w = GSM_WIDTH[text.charCodeAt(i)] as number;
      if (fill + w > capacity) break;
      fill += w;
      i++;
    }
    return i;
  }
  while (i < n) {
    const w =
      (text.charCodeAt(i) & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    if (fill + w > capacity) break;
    fill += w;
    i += w;
  }
  return i;
}
