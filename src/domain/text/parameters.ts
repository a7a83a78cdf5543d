// Per-recipient `${key}` parameter rendering with Sinch's lookup order: recipient value, then `default`.
//
// Rules (Sinch docs; no escape syntax is documented, so there is none):
// - a placeholder is `${key}` with key = 1-16 of `A-Za-z0-9._-`, case sensitive; anything else is text;
// - a key absent from `parameters` (or no `parameters` at all) leaves the placeholder literal;
// - a key present in `parameters` takes the recipient's value (MSISDN digits, no `+`), else `default`,
//   else that recipient fails (delivery report code 405) and the others are unaffected;
// - substitution is one pass: a value containing `${other}` is not expanded again.
// The body is compiled once into literals and keys, so rendering a recipient is a few lookups and
// one concatenation instead of a regex scan.

export const PARAMETER_KEY_PATTERN = /^[A-Za-z0-9._-]{1,16}$/;
export const MAX_PARAMETER_KEY_LENGTH = 16;
export const MAX_PARAMETER_VALUE_LENGTH = 160;

/** parameters: key -> { msisdn (digits, no +) | "default" -> value } */
export type Parameters = Record<string, Record<string, string>>;

export type TemplateResult = { ok: true; text: string } | { ok: false; missingKey: string };

/** A body split at its placeholders: `literals.length === keys.length + 1`. */
export interface Template {
  readonly literals: readonly string[];
  readonly keys: readonly string[];
}

const KEY_CHAR = buildKeyCharTable();
const CLOSE_BRACE = 0x7d;

/** Splits `body` once into literal text and placeholder keys. */
export function compileTemplate(body: string): Template {
  const literals: string[] = [];
  const keys: string[] = [];
  let literalStart = 0;
  let open = body.indexOf("${");
  while (open !== -1) {
    const keyStart = open + 2;
    // Scan at most one char past the limit so a 17-char key is seen as too long.
    const scanLimit = Math.min(body.length, keyStart + MAX_PARAMETER_KEY_LENGTH + 1);
    let end = keyStart;
    while (end < scanLimit && KEY_CHAR[body.charCodeAt(end)] === 1) end++;
    const keyLength = end - keyStart;
    if (keyLength >= 1 && keyLength <= MAX_PARAMETER_KEY_LENGTH && body.charCodeAt(end) === CLOSE_BRACE) {
      literals.push(body.slice(literalStart, open));
      keys.push(body.slice(keyStart, end));
      literalStart = end + 1;
      open = body.indexOf("${", literalStart);
    } else {
      open = body.indexOf("${", open + 1);
    }
  }
  literals.push(body.slice(literalStart));
  return { literals, keys };
}

/** Renders a compiled template for one recipient. */
export function renderTemplate(
  template: Template,
  parameters: Parameters | undefined,
  recipient: string,
): TemplateResult {
  const { literals, keys } = template;
  let text = literals[0] as string;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    // Own-property checks: keys such as `constructor` or `__proto__` are valid placeholder names.
    const values = parameters !== undefined && Object.hasOwn(parameters, key) ? parameters[key] : undefined;
    if (values === undefined) {
      text += `\${${key}}`;
    } else {
      const value = Object.hasOwn(values, recipient)
        ? values[recipient]
        : Object.hasOwn(values, "default")
          ? values.default
          : undefined;
      if (value === undefined) return { ok: false, missingKey: key };
      text += value;
    }
    text += literals[k + 1] as string;
  }
  return { ok: true, text };
}

function buildKeyCharTable(): Uint8Array {
  const table = new Uint8Array(128);
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}
