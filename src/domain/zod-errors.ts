// Maps zod validation issues to Sinch's three 400 codes, naming the field in the text.
import type { z } from "zod";
import { ApiError, type ErrorCode } from "./errors";

/** `a.b[0].c`: how error texts name a field. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function codeOf(issue: z.core.$ZodIssue): ErrorCode {
  switch (issue.code) {
    case "custom": {
      const sinch = (issue.params as { sinch?: ErrorCode } | undefined)?.sinch;
      return sinch ?? "syntax_invalid_parameter_format";
    }
    case "invalid_type":
      return isMissing(issue) ? "syntax_constraint_violation" : "syntax_invalid_parameter_format";
    case "too_big":
    case "too_small":
    case "unrecognized_keys":
    case "not_multiple_of":
      return "syntax_constraint_violation";
    default:
      return "syntax_invalid_parameter_format";
  }
}

const isMissing = (issue: z.core.$ZodIssue) =>
  issue.code === "invalid_type" && / received undefined$/.test(issue.message);

function messageOf(issue: z.core.$ZodIssue): string {
  if (isMissing(issue)) return "is required";
  if (issue.code === "invalid_value" && "values" in issue)
    return `must be one of ${issue.values.map((v) => String(v)).join(", ")}`;
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const nested = issue.errors.flat()[0];
    if (nested) return messageOf(nested);
  }
  return issue.message.replace(/^Invalid input: /, "");
}

/** The first issue decides: one clear message naming one field beats a list nobody reads. */
export function apiErrorFromZod(error: z.core.$ZodError): ApiError {
  const issue = error.issues[0];
  if (!issue) return new ApiError("syntax_invalid_parameter_format", "Invalid request");
  const field = fieldPath(issue.path);
  const message = messageOf(issue);
  return new ApiError(codeOf(issue), field ? `${field}: ${message}` : message);
}

/** Parses with a zod schema, throwing a Sinch ApiError on failure. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw apiErrorFromZod(result.error);
  return result.data;
}
