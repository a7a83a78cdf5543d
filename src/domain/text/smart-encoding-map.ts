// Sinch Auto Encoding / Twilio Smart Encoding substitution table (same list), keyed by UTF-16 code unit.
//
// Source: sms-segments-calculator 1.3.0 `SmartEncodingMap.ts` (271 entries), which mirrors the
// table on Sinch's Auto Encoding page. One deliberate change: NBSP, the fixed-width spaces and the
// C1 controls the calculator shows as blanks become ONE space, not two. The calculator's two spaces
// are unexplained, NFKC gives one, and Sinch only says these are "varying forms of whitespace";
// one space also never costs more septets than the original character. Unresolved until a live
// Sinch dry run settles it.

// [replacement, every character replaced by it]
const GROUPS: ReadonlyArray<readonly [string, string]> = [
  ['"', "\u00ab\u00bb\u201c\u201d\u02ba\u02ee\u201f\u201e\u275d\u275e\u301d\u301e\uff02"],
  [
    "'",
    "\u2018\u2019\u02bb\u02c8\u02bc\u02bd\u02b9\u201b\uff07\u00b4\u02ca\u0060\u02cb\u275b\u275c\u0313\u0314\ufe10\ufe11",
  ],
  ["-", "\u23bc\u23bd\u2015\ufe63\uff0d\u2010\u2043\u2014\u2013\u2022"],
  ["...", "\u2026"],
  ["/", "\u00f7\u29f8\u0337\u0338\u2044\u2215\uff0f"],
  ["1/4", "\u00bc"],
  ["1/2", "\u00bd"],
  ["3/4", "\u00be"],
  ["\\", "\u29f9\u29f5\u20e5\ufe68\uff3c"],
  ["_", "\u0332\uff3f\u2017"],
  ["|", "\u20d2\u20d3\u2223\uff5c\u23b8\u23b9\u23d0\u239c\u239f"],
  ["@", "\ufe6b\uff20"],
  ["$", "\ufe69\uff04"],
  ["!", "\u01c3\ufe15\ufe57\uff01"],
  ["!!", "\u203c"],
  ["#", "\ufe5f\uff03"],
  ["%", "\ufe6a\uff05"],
  ["&", "\ufe60\uff06"],
  [",", "\u201a\u0326\ufe50\ufe51\uff0c\uff64\u3001"],
  ["(", "\u2768\u276a\ufe59\uff08\u27ee\u2985"],
  [")", "\u2769\u276b\ufe5a\uff09\u27ef\u2986"],
  [
    "*",
    "\u204e\u2217\u229b\u2722\u2723\u2724\u2725\u2731\u2732\u2733\u273a\u273b\u273c\u273d\u2743\u2749\u274a\u274b\u29c6\ufe61\uff0a",
  ],
  ["+", "\u02d6\ufe62\uff0b"],
  [".", "\u3002\ufe52\uff0e\uff61"],
  [":", "\u02d0\u02f8\u2982\ua789\ufe13\uff1a"],
  [";", "\u204f\ufe14\ufe54\uff1b"],
  ["<", "\ufe64\uff1c\u2039"],
  [">", "\ufe65\uff1e\u203a"],
  ["=", "\u0347\ua78a\ufe66\uff1d"],
  ["?", "\ufe16\ufe56\uff1f"],
  ["^", "\u02c6\u0302\uff3e\u1dcd"],
  ["{", "\u2774\ufe5b\uff5b"],
  ["}", "\u2775\ufe5c\uff5d"],
  ["[", "\uff3b"],
  ["]", "\uff3d"],
  ["~", "\u02dc\u02f7\u0303\u0330\u0334\u223c\uff5e"],
  [
    " ",
    "\u00a0\u2000\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000" +
      "\u0080\u008d\u0090\u009b\u009f\u2001\u2028\u2029",
  ],
  ["       ", "\u0009"],
  ["", "\u0000\u0003\u0004\u0010\u0011\u0012\u0013\u0014\u0017\u0019\u200b\u200c\u2060\ufeff"],
];

// Fullwidth capitals and small capitals map to A-Z (fullwidth small letters are not in the table).
const SMALL_CAPITALS =
  "\u1d00\u0299\u1d04\u1d05\u1d07\ua730\u0262\u029c\u026a\u1d0a\u1d0b\u029f\u1d0d\u0274\u1d0f\u1d18" +
  "\0\u0280\ua731\u1d1b\u1d1c\u1d20\u1d21\0\u028f\u1d22";

/** Replacement for each mapped code unit; all sources are BMP, so surrogates are never keys. */
export const SMART_ENCODING_MAP: ReadonlyMap<number, string> = buildMap();

function buildMap(): Map<number, string> {
  const map = new Map<number, string>();
  for (const [replacement, sources] of GROUPS) {
    for (let i = 0; i < sources.length; i++) map.set(sources.charCodeAt(i), replacement);
  }
  for (let d = 0; d < 10; d++) map.set(0xff10 + d, String(d));
  for (let l = 0; l < 26; l++) {
    const letter = String.fromCharCode(0x41 + l);
    map.set(0xff21 + l, letter);
    // Q and X have no small capital in the table; `\0` marks the gap (U+0000 is mapped to "" above).
    const small = SMALL_CAPITALS.charCodeAt(l);
    if (small !== 0) map.set(small, letter);
  }
  return map;
}
