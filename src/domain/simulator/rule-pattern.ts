// Rule patterns: a small regular-expression subset over a number's digits, checked for safety, anchored, compiled once.

export const MAX_PATTERN_LENGTH = 64;

/** Digits, classes, groups, alternation, quantifiers and `\d`: nothing that can look around or refer back. */
const ALLOWED = /^[0-9[\]\-()|?*+{},.^$:\\d]*$/;

/** A quantifier at `i` that repeats without a fixed bound: `*`, `+`, `{n,}` or `{n,m}`. */
function repeatsAt(source: string, i: number): boolean {
  const c = source[i];
  return c === "*" || c === "+" || /^\{\d*,\d*\}/.test(source.slice(i));
}

/**
 * A repeated group that itself repeats or alternates, as in `(\d+)+` or `(1|12)*`: the shapes whose
 * backtracking grows exponentially with the input. Rejected outright rather than timed.
 */
function nestedRepetition(source: string): boolean {
  const open: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "(") open.push(false);
    else if (c === ")") {
      const inner = open.pop() ?? false;
      const repeated = repeatsAt(source, i + 1);
      if (inner && repeated) return true;
      if ((inner || repeated) && open.length > 0) open[open.length - 1] = true;
    } else if ((c === "|" || repeatsAt(source, i)) && open.length > 0) open[open.length - 1] = true;
  }
  return false;
}

/** What is wrong with `source` as a rule pattern, or undefined when it is usable. */
export function patternProblem(source: string): string | undefined {
  if (source.length === 0 || source.length > MAX_PATTERN_LENGTH)
    return `must be 1 to ${MAX_PATTERN_LENGTH} characters`;
  if (!ALLOWED.test(source) || /\\[^d]|\\$/.test(source) || /\(\?(?!:)/.test(source))
    return "may use only digits, [ ], ( ), (?: ), |, ?, *, +, { }, . and \\d";
  if (nestedRepetition(source)) return "must not repeat a group that itself repeats or alternates";
  try {
    compilePattern(source);
  } catch {
    return "is not a valid regular expression";
  }
  return undefined;
}

/** The pattern matched against the whole number: `^`/`$` are implied. */
export function compilePattern(source: string): RegExp {
  const body = source.replace(/^\^/, "").replace(/\$$/, "");
  return new RegExp(`^(?:${body})$`);
}
