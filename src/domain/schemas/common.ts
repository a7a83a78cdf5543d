// Shared zod building blocks of the wire schemas: numbers, dates, MSISDNs, query parameters, paging.
import { z } from "zod";
import { callbackUrlProblem, currentCallbackPolicy, MAX_CALLBACK_URL_LENGTH } from "../callback-url";
import type { ErrorCode } from "../errors";
import { isId } from "../ids";
import { normalizeMsisdn, normalizeOriginator } from "../msisdn";
import { parseIsoTime } from "../time";

/** Attach a Sinch error code to a custom issue; zod-errors.ts reads it back. */
export const sinchIssue = (code: ErrorCode, message: string) => ({
  code: "custom" as const,
  message,
  params: { sinch: code },
});

export const Msisdn = z
  .string()
  .transform((value, ctx) => {
    const msisdn = normalizeMsisdn(value);
    if (msisdn === undefined) {
      ctx.addIssue(sinchIssue("syntax_invalid_parameter_format", `'${value}' is not a valid phone number`));
      return z.NEVER;
    }
    return msisdn;
  })
  .meta({
    description: "A phone number: E.164 with or without `+`, or with `00`",
    examples: ["+46701234567"],
  });

/** A batch target: a phone number, normalised, or a group id, kept as is. */
export const Target = z
  .string()
  .transform((value, ctx) => {
    if (isId(value)) return value;
    const msisdn = normalizeMsisdn(value);
    if (msisdn === undefined) {
      ctx.addIssue(
        sinchIssue("syntax_invalid_parameter_format", `'${value}' is not a valid phone number or group id`),
      );
      return z.NEVER;
    }
    return msisdn;
  })
  .meta({ description: "A phone number or a group id", examples: ["+46701234567"] });

export const Originator = z
  .string()
  .transform((value, ctx) => {
    const from = normalizeOriginator(value);
    if (from === undefined) {
      ctx.addIssue(
        sinchIssue(
          "syntax_invalid_parameter_format",
          `'${value}' is not a valid sender (a phone number, short code or up to 11 alphanumeric characters)`,
        ),
      );
      return z.NEVER;
    }
    return from;
  })
  .meta({
    description: "A phone number, a short code or up to 11 alphanumeric characters",
    examples: ["12345"],
  });

/** An ISO-8601 date or date-time, as epoch ms. */
export const IsoTime = z
  .string()
  .transform((value, ctx) => {
    const ms = parseIsoTime(value);
    if (ms === undefined) {
      ctx.addIssue(sinchIssue("syntax_invalid_parameter_format", `'${value}' is not an ISO-8601 date-time`));
      return z.NEVER;
    }
    return ms;
  })
  .meta({
    description: "An ISO-8601 date or date-time; no offset means UTC",
    format: "date-time",
    examples: ["2030-01-01T09:00:00Z"],
  });

export const GroupId = z.string().refine(isId, { message: "is not a valid group id" });

export const Url = z
  .string()
  .max(2048, "must be at most 2048 characters")
  .refine((v) => URL.canParse(v) && /^https?:/i.test(v), { message: "must be an absolute http(s) URL" })
  .meta({ format: "uri", examples: ["https://example.com/sms/callbacks"] });

/**
 * A URL the gateway will call back: written out in full (`http://` or `https://`, no backslashes, which
 * the URL parser would silently repair), stored and echoed as the parser normalises it, and allowed by the
 * request's callback policy (no user info, not this gateway, no private address unless allowed).
 */
export const CallbackUrl = z
  .string()
  .max(MAX_CALLBACK_URL_LENGTH, `must be at most ${MAX_CALLBACK_URL_LENGTH} characters`)
  .transform((value, ctx) => {
    if (!/^https?:\/\/[^/\\]/i.test(value) || value.includes("\\") || !URL.canParse(value)) {
      ctx.addIssue(sinchIssue("syntax_invalid_parameter_format", "must be an absolute http(s) URL"));
      return z.NEVER;
    }
    const url = new URL(value);
    const problem = callbackUrlProblem(url, currentCallbackPolicy());
    if (problem !== undefined) {
      ctx.addIssue(sinchIssue("syntax_constraint_violation", problem));
      return z.NEVER;
    }
    return url.href;
  })
  .meta({ format: "uri", examples: ["https://example.com/sms/callbacks"] });

/**
 * An integer from a query string or a JSON number. Query strings arrive as text, tRPC sends numbers:
 * one schema serves both transports.
 */
export const queryInt = (name: string, min: number, max: number) =>
  z
    .union([z.number(), z.string()])
    .transform((value, ctx) => {
      const n = typeof value === "number" ? value : /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
      if (!Number.isInteger(n)) {
        ctx.addIssue(sinchIssue("syntax_invalid_parameter_format", `${name} must be an integer`));
        return z.NEVER;
      }
      if (n < min || n > max) {
        ctx.addIssue(sinchIssue("syntax_constraint_violation", `${name} must be between ${min} and ${max}`));
        return z.NEVER;
      }
      return n;
    })
    // Documented as what it accepts on the wire: an integer (or its decimal text in a query string).
    .meta({ type: "integer", minimum: min, ...(max < Number.MAX_SAFE_INTEGER && { maximum: max }) });

export const queryBool = (name: string) =>
  z
    .union([z.boolean(), z.string()])
    .transform((value, ctx) => {
      if (typeof value === "boolean") return value;
      const v = value.trim().toLowerCase();
      if (v === "true" || v === "") return true;
      if (v === "false") return false;
      ctx.addIssue(sinchIssue("syntax_invalid_parameter_format", `${name} must be true or false`));
      return z.NEVER;
    })
    .meta({ type: "boolean" });

/** A list from a query string (`a,b`) or an array: the Node SDK comma-joins arrays. */
export const queryList = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : value.split(",")).map((s) => s.trim()).filter((s) => s !== ""),
    )
    .pipe(z.array(item));

/** A path parameter naming a resource (batch, group, inbound, token, service plan). */
export const IdParam = z
  .string()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .meta({ examples: ["01JD5Y3QK8B8N0M7ZG6R3V5W2X"] });

/** A phone number as a path parameter: looked up as given, so only its length is checked here. */
export const MsisdnParam = z
  .string()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .meta({ examples: ["46701234567"] });

/**
 * A schema built on first use. Response shapes only describe the API (the document, contract tests): built
 * eagerly they would be ~2,000 zod constructions in every Worker's startup.
 */
export function lazySchema<T extends z.ZodType>(build: () => T): () => T {
  let schema: T | undefined;
  return () => {
    schema ??= build();
    return schema;
  };
}

/** Sinch's error body: every 4xx and 5xx answer. */
export const ErrorBody = lazySchema(() =>
  z
    .object({
      code: z.string().meta({ examples: ["syntax_invalid_parameter_format"] }),
      text: z.string().meta({ examples: ["to[0]: '123abc' is not a valid phone number or group id"] }),
    })
    .meta({ description: "A Sinch error: a machine-readable `code` and a human-readable `text`." }),
);

/** The Sinch list envelope around `items` under `key`. */
export const pageOf = <K extends string, T extends z.ZodType>(key: K, item: T) =>
  z.object({
    count: z.number().int().meta({ description: "Items matching the filters, on all pages" }),
    page: z.number().int().meta({ description: "This page's number, from 0" }),
    page_size: z.number().int().meta({ description: "Items on this page" }),
    ...({ [key]: z.array(item) } as Record<K, z.ZodArray<T>>),
  });

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 30;

export const Paging = {
  page: queryInt("page", 0, Number.MAX_SAFE_INTEGER).default(0),
  page_size: queryInt("page_size", 1, MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
};

/** The Sinch list envelope: `page_size` is the number of items in this page. */
export function pageEnvelope<K extends string, T>(
  key: K,
  count: number,
  page: number,
  items: T[],
): { count: number; page: number; page_size: number } & Record<K, T[]> {
  return { count, page, page_size: items.length, [key]: items } as {
    count: number;
    page: number;
    page_size: number;
  } & Record<K, T[]>;
}
