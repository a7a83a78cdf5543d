// Sinch Auto Encoding: transliterate to GSM-friendly characters only when that saves parts.
//
// Sinch: "Only messages that exceed the allotted characters will be converted"; a text that fits one
// part stays as sent. So the substituted text is used only when it needs strictly fewer parts than
// the original; otherwise the original is kept untouched. Substitution is per code unit before the
// encoding is chosen; characters not in the table (emoji, CJK) stay and keep the text UCS-2, in which
// case deletions (zero-width spaces, controls) can still be what saves a part.
// NBSP and the fixed-width spaces become one space (see smart-encoding-map.ts for why not two).

import { type Encoding, measureText } from "./segments";
import { SMART_ENCODING_MAP } from "./smart-encoding-map";

export interface EncodingChoice {
  /** The text to send: the original, or its transliteration when `transliterated`. */
  text: string;
  encoding: Encoding;
  units: number;
  parts: number;
  transliterated: boolean;
}

export function chooseEncoding(text: string, options: { autoEncoding: boolean }): EncodingChoice {
  const original = measureText(text);
  // A GSM text contains no mapped character (every table key is outside GSM), and one part cannot shrink.
  if (!options.autoEncoding || original.encoding === "GSM" || original.parts === 1) {
    return { text, ...original, transliterated: false };
  }
  const converted = transliterate(text);
  const measured = measureText(converted);
  if (measured.parts < original.parts) return { text: converted, ...measured, transliterated: true };
  return { text, ...original, transliterated: false };
}

/** Applies the substitution table; unmapped characters, surrogate pairs included, pass through. */
export function transliterate(text: string): string {
  let out = "";
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const replacement = SMART_ENCODING_MAP.get(text.charCodeAt(i));
    if (replacement === undefined) continue;
    out += text.slice(runStart, i) + replacement;
    runStart = i + 1;
  }
  return runStart === 0 ? text : out + text.slice(runStart);
}
