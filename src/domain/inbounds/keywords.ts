// Keyword matching for inbound messages (pure): first and optional second word, case-insensitive.
export interface KeywordPair {
  first_word: string;
  second_word?: string;
}

/** The first two words of a message, upper-cased; punctuation around words is ignored. */
export function leadingWords(body: string): [string | undefined, string | undefined] {
  const words = body
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu, "").toUpperCase())
    .filter((w) => w !== "");
  return [words[0], words[1]];
}

export function matchesKeyword(
  words: [string | undefined, string | undefined],
  keyword: KeywordPair | undefined,
): boolean {
  if (!keyword || words[0] !== keyword.first_word.toUpperCase()) return false;
  return keyword.second_word === undefined || words[1] === keyword.second_word.toUpperCase();
}

export type OptChange = "opt_out" | "opt_in" | undefined;

/** STOP-style keywords are matched on the first word alone, as carriers do. */
export function optChange(
  firstWord: string | undefined,
  optOutWords: string[],
  optInWords: string[],
): OptChange {
  if (firstWord === undefined) return undefined;
  if (optOutWords.includes(firstWord)) return "opt_out";
  if (optInWords.includes(firstWord)) return "opt_in";
  return undefined;
}
