// Refuses text that is not well-formed UTF-16: a lone surrogate would be stored and sent as U+FFFD.
import { ApiError } from "./errors";
import { fieldPath } from "./zod-errors";

// With the u flag a surrogate pair is one code point, so \p{Cs} matches only unpaired halves.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Decoded UTF-8 never holds a lone surrogate, so in JSON text one can only come from a `\uD800`-`\uDFFF`
 * escape. Without such an escape (nearly every request) the parsed value need not be walked.
 */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** False when JSON `text` (decoded from UTF-8) cannot hold a lone surrogate; true means "walk the value". */
export function mayHoldLoneSurrogate(text: string): boolean {
  return SURROGATE_ESCAPE.test(text);
}

/** The path of the first string (value or object key) holding a lone surrogate, if any. */
export function loneSurrogatePath(value: unknown, path: PropertyKey[] = []): PropertyKey[] | undefined {
  if (typeof value === "string") return LONE_SURROGATE.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = loneSurrogatePath(item, [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      // The key itself is not echoed: the field is the object that holds it.
      if (LONE_SURROGATE.test(key)) return path;
      const found = loneSurrogatePath(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** 400 naming the field when any text in a parsed JSON value holds a lone surrogate. */
export function assertWellFormedText(value: unknown, path: PropertyKey[] = []): void {
  const found = loneSurrogatePath(value, path);
  if (found === undefined) return;
  const field = fieldPath(found);
  const message = "must not contain a lone UTF-16 surrogate";
  throw new ApiError("syntax_invalid_parameter_format", field ? `${field}: ${message}` : message);
}
