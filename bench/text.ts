// Benchmark: measureText against @trt2/gsm-charset-utils, split-sms and sms-segments-calculator (npx tsx bench/text.ts).
import { createRequire } from "node:module";
import { measureText } from "../src/domain/text/segments";
import { seededRandom } from "../test/helpers/seeded-random";

const require = createRequire(import.meta.url);
const trt2 = require("@trt2/gsm-charset-utils") as { getCharCount(text: string): { msgCount: number } };
const splitSms = require("split-sms") as {
  split(text: string, options: { summary: boolean }): { parts: unknown[] };
};
const { SegmentedMessage } = require("sms-segments-calculator") as {
  SegmentedMessage: new (text: string) => { segmentsCount: number };
};

const MESSAGES = 100_000;
// Twilio's calculator runs at well under 1% of the others' speed; time it on a prefix to stay near 60 s.
const TWILIO_MESSAGES = 10_000;
const RUNS = 7;

const chars = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
const WORDS =
  "hello your code is order ready pick up at the store today tomorrow thanks call us reply STOP to opt out meeting at pm am delivery".split(
    " ",
  );
const PUNCTUATION = [
  ".",
  ",",
  "!",
  "?",
  ":",
  "-",
  "'",
  '"',
  "(",
  ")",
  "@",
  "#",
  "%",
  "&",
  "\n",
  "0",
  "1",
  "7",
  "9",
];
const EXTENSION = [..."€[]{}|^~\\"];
const LATIN1 = [..."éèàöüñÄÖÜßÅåæøÇçáíóúâêîôûëïÿãõ"];
const CYRILLIC = chars(0x410, 0x44f);
const EMOJI = [...chars(0x1f600, 0x1f64f), ...chars(0x1f680, 0x1f6c5)];

type Kind = "gsm" | "extension" | "latin1" | "cyrillic" | "emoji" | "mixed";
const KINDS: readonly [Kind, number][] = [
  ["gsm", 0.4],
  ["extension", 0.1],
  ["latin1", 0.15],
  ["cyrillic", 0.15],
  ["emoji", 0.1],
  ["mixed", 0.1],
];

function generate(random: () => number, count: number): string[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    let r = random();
    let kind: Kind = "gsm";
    for (const [k, weight] of KINDS) {
      r -= weight;
      if (r < 0) {
        kind = k;
        break;
      }
    }
    // Most messages fit one part; a long tail reaches 480 code units.
    const u = random();
    const length =
      1 + Math.floor(u < 0.6 ? random() * 160 : u < 0.85 ? 160 + random() * 160 : 320 + random() * 160);
    let text = "";
    while (text.length < length) {
      const s = random();
      if (kind === "cyrillic") text += s < 0.85 ? pick(CYRILLIC) : s < 0.95 ? " " : pick(PUNCTUATION);
      else if (s < 0.8 || kind === "gsm") text += s < 0.9 ? `${pick(WORDS)} ` : pick(PUNCTUATION);
      else if (kind === "extension") text += pick(EXTENSION);
      else if (kind === "latin1") text += pick(LATIN1);
      else if (kind === "emoji") text += s < 0.9 ? pick(PUNCTUATION) : pick(EMOJI);
      else text += pick([EXTENSION, LATIN1, CYRILLIC, EMOJI][Math.floor(random() * 4)] as string[]);
    }
    out.push(text.slice(0, length).replace(/[\ud800-\udbff]$/, "."));
  }
  return out;
}

interface Library {
  name: string;
  parts(text: string): number;
  count: number;
}

const LIBRARIES: Library[] = [
  { name: "ours (measureText)", parts: (t) => measureText(t).parts, count: MESSAGES },
  { name: "@trt2/gsm-charset-utils 1.0.13", parts: (t) => trt2.getCharCount(t).msgCount, count: MESSAGES },
  {
    name: "split-sms 0.1.7",
    parts: (t) => splitSms.split(t, { summary: true }).parts.length,
    count: MESSAGES,
  },
  {
    name: "sms-segments-calculator 1.3.0",
    parts: (t) => new SegmentedMessage(t).segmentsCount,
    count: TWILIO_MESSAGES,
  },
];

function timeRun(library: Library, inputs: readonly string[]): number {
  let sink = 0;
  const start = performance.now();
  for (let i = 0; i < library.count; i++) sink += library.parts(inputs[i] as string);
  const elapsed = performance.now() - start;
  if (sink === 0) throw new Error("no parts counted");
  return elapsed;
}

const inputs = generate(seededRandom(20240606), MESSAGES);
const expected = inputs.map((t) => measureText(t).parts);
const ucs2 = inputs.filter((t) => measureText(t).encoding === "UCS2").length;
const multipart = expected.filter((p) => p > 1).length;
const avgLength = inputs.reduce((sum, t) => sum + t.length, 0) / inputs.length;
console.log(
  `${MESSAGES} messages, seed 20240606, avg ${avgLength.toFixed(0)} code units, ` +
    `${((100 * ucs2) / MESSAGES).toFixed(0)}% UCS-2, ${((100 * multipart) / MESSAGES).toFixed(0)}% multipart; ` +
    `node ${process.version}, best of ${RUNS} runs (Twilio: ${TWILIO_MESSAGES} messages, best of 2)\n`,
);

interface Row {
  name: string;
  rate: number;
  mismatches: number;
  checked: number;
}
const rows: Row[] = [];
for (const library of LIBRARIES) {
  let mismatches = 0;
  for (let i = 0; i < library.count; i++)
    if (library.parts(inputs[i] as string) !== expected[i]) mismatches++;
  const runs = library.count === MESSAGES ? RUNS : 2;
  timeRun(library, inputs); // warm-up
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) best = Math.min(best, timeRun(library, inputs));
  rows.push({ name: library.name, rate: (library.count / best) * 1000, mismatches, checked: library.count });
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(
  `${"library".padEnd(32)} ${"messages/s".padStart(12)}  ${"parts mismatches".padStart(18)}  vs ours`,
);
const ours = rows[0] as Row;
for (const row of rows) {
  console.log(
    `${row.name.padEnd(32)} ${fmt(row.rate).padStart(12)}  ${`${row.mismatches} / ${fmt(row.checked)}`.padStart(18)}  ${(ours.rate / row.rate).toFixed(1)}x`,
  );
}
const correct = rows.slice(1).filter((r) => r.mismatches === 0);
if (correct.length === 0) {
  console.log("\nNo other library agreed with ours on every input.");
} else {
  const fastest = correct.reduce((best, r) => (r.rate > best.rate ? r : best));
  const ratio = ours.rate / fastest.rate;
  console.log(
    `\nFastest correct library: ${fastest.name}. Ours is ${ratio.toFixed(1)}x as fast (goal >= 2x: ${ratio >= 2 ? "met" : "NOT met"}).`,
  );
}
