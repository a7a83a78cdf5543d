// Seeded random SMS bodies for the differential test: GSM, extension, Latin-1, Cyrillic and emoji.
import { GSM_BASIC_CHARS, GSM_EXTENSION_CHARS, GSM_WIDTH } from "../../src/domain/text/gsm-alphabet";
import { seededRandom } from "./seeded-random";

export { seededRandom };

function range(from: number, to: number): string[] {
  const out: string[] = [];
  for (let c = from; c <= to; c++) out.push(String.fromCodePoint(c));
  return out;
}

const BASIC = [...GSM_BASIC_CHARS];
const EXTENSION = [...GSM_EXTENSION_CHARS];
/** U+00A0-U+00FF that are not GSM: NBSP, ç, ¢, ©, ... */
const LATIN1 = range(0xa0, 0xff).filter((ch) => GSM_WIDTH[ch.charCodeAt(0)] === 0);
const CYRILLIC = range(0x410, 0x44f);
// Emoticons and transport symbols: single code points outside the BMP, no modifiers among them.
const EMOJI = [...range(0x1f600, 0x1f64f), ...range(0x1f680, 0x1f6c5)];

type Pool = readonly string[];
interface Mix {
  readonly pools: readonly Pool[];
  readonly weights: readonly number[];
}

const MIXES: readonly Mix[] = [
  { pools: [BASIC], weights: [1] },
  { pools: [BASIC, EXTENSION], weights: [0.9, 0.1] },
  { pools: [BASIC, EXTENSION], weights: [0.5, 0.5] },
  { pools: [EXTENSION], weights: [1] },
  { pools: [BASIC, LATIN1], weights: [0.97, 0.03] },
  { pools: [CYRILLIC, BASIC], weights: [0.8, 0.2] },
  { pools: [CYRILLIC, EMOJI], weights: [0.9, 0.1] },
  { pools: [EMOJI], weights: [1] },
  { pools: [BASIC, EXTENSION, EMOJI], weights: [0.85, 0.1, 0.05] },
  { pools: [BASIC, EXTENSION, LATIN1, CYRILLIC, EMOJI], weights: [0.4, 0.15, 0.15, 0.15, 0.15] },
];

// GSM septet boundaries and UCS-2 unit boundaries, single and multipart.
const BOUNDARIES = [67, 70, 71, 134, 135, 153, 160, 161, 201, 268, 306, 307, 402, 459, 460];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/**
 * One random body: mostly sized to land within a few units of a part boundary, sometimes anywhere
 * in 0..480 units (septets while the text is still all-GSM, code units after).
 */
export function randomBody(random: () => number): string {
  const mix = pick(random, MIXES);
  const target =
    random() < 0.75
      ? Math.max(0, pick(random, BOUNDARIES) + Math.floor(random() * 9) - 4)
      : Math.floor(random() * 481);
  let text = "";
  let units = 0;
  let gsm = true;
  while (units < target) {
    let r = random();
    let pool = mix.pools[0] as Pool;
    for (let p = 0; p < mix.pools.length; p++) {
      r -= mix.weights[p] as number;
      if (r < 0) {
        pool = mix.pools[p] as Pool;
        break;
      }
    }
    const ch = pick(random, pool);
    const width = ch.length === 1 ? (GSM_WIDTH[ch.charCodeAt(0)] as number) : 0;
    if (gsm && width === 0) {
      gsm = false;
      units = text.length;
    }
    text += ch;
    units += gsm ? width : ch.length;
  }
  return text;
}
