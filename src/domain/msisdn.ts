// MSISDN normalisation: accepts +, 00 or bare international numbers (spaces, dashes, brackets ignored) and returns digits only.
const SEPARATORS = /[\s\-().]/g;
const DIGITS = /^[1-9]\d{0,14}$/;

/** Digits without `+`/`00`, or undefined when the value is not an international number. */
export function normalizeMsisdn(value: string): string | undefined {
  let v = value.replace(SEPARATORS, "");
  if (v.startsWith("+")) v = v.slice(1);
  else if (v.startsWith("00")) v = v.slice(2);
  return DIGITS.test(v) && v.length >= 3 ? v : undefined;
}

const ALPHANUMERIC_SENDER = /^[A-Za-z0-9 .&'_-]{1,11}$/;

/** A sender: a number (normalised like a recipient), a short code, or an alphanumeric id of at most 11 chars. */
export function normalizeOriginator(value: string): string | undefined {
  if (/^[+\d\s\-()]+$/.test(value)) return normalizeMsisdn(value);
  return ALPHANUMERIC_SENDER.test(value) ? value : undefined;
}
