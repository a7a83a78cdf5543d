// HTTP plumbing for REST: JSON responses, Sinch error bodies, JSON body and raw query parsing.
import type { z } from "zod";
import { ApiError, internalError } from "../domain/errors";
import { assertWellFormedText, mayHoldLoneSurrogate } from "../domain/well-formed";
import { parseOrThrow } from "../domain/zod-errors";
import { MAX_BATCH_URL_LENGTH } from "../rpc/batch-limit";

/** A send to 1000 recipients is ~20 KB; 1 MiB leaves room for groups of 10,000 members. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Below what the platform allows (16 KB URLs, 128 KB of headers), so an oversized request gets a JSON error. */
export const MAX_URL_LENGTH = MAX_BATCH_URL_LENGTH;
export const MAX_HEADER_BYTES = 32 * 1024;

/** 414 or 431 before anything else reads the request. */
export function assertRequestBounds(request: Request): void {
  if (request.url.length > MAX_URL_LENGTH)
    throw new ApiError("uri_too_long", `The URL must be at most ${MAX_URL_LENGTH} characters`);
  let bytes = 0;
  for (const [name, value] of request.headers) bytes += name.length + value.length + 4;
  if (bytes > MAX_HEADER_BYTES)
    throw new ApiError(
      "request_header_fields_too_large",
      `The request headers must be at most ${MAX_HEADER_BYTES} bytes in total`,
    );
}

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

export const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });

export const empty = (status: number): Response => new Response(null, { status });

export function errorResponse(error: unknown, request?: Request): Response {
  if (error instanceof ApiError) return json(error.toBody(), error.status);
  // A 500 says nothing internal; the details go to the log with the request's ray id.
  console.error(
    "unhandled error",
    request?.headers.get("cf-ray") ?? "",
    request?.method,
    request?.url,
    error,
  );
  const e = internalError();
  return json(e.toBody(), e.status);
}

/** Reads a JSON body: 415 without a JSON content type, 413 when too large, 400 syntax_invalid_json when malformed. */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type))
    throw new ApiError("unsupported_media_type", "Content-Type must be application/json");
  const text = await readLimitedText(request);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ApiError("syntax_invalid_json", `Malformed JSON: ${(e as Error).message}`);
  }
  if (mayHoldLoneSurrogate(text)) assertWellFormedText(value);
  return value;
}

const tooLarge = () =>
  new ApiError("request_too_large", `Request body must be at most ${MAX_BODY_BYTES} bytes`);

/** The body as text, refusing more than MAX_BODY_BYTES bytes (declared or actual). */
export async function readLimitedText(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooLarge();
  return new TextDecoder().decode(bytes);
}

export async function parseBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.output<T>> {
  return parseOrThrow(schema, await readJson(request));
}

/**
 * Query parameters decoded without form rules: the Node Sinch SDK sends `+` unencoded in numbers and
 * dates, and URLSearchParams would turn it into a space. Repeated keys join with a comma, like the
 * SDK's comma-joined lists.
 */
export function rawQuery(url: string): Record<string, string> {
  const out: Record<string, string> = {};
  const q = url.indexOf("?");
  if (q < 0) return out;
  const hash = url.indexOf("#", q);
  for (const pair of url.slice(q + 1, hash < 0 ? undefined : hash).split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? "" : decode(pair.slice(eq + 1));
    out[key] = key in out ? `${out[key]},${value}` : value;
  }
  return out;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new ApiError("syntax_invalid_parameter_format", `Malformed percent-encoding in query: ${s}`);
  }
}

export const parseQuery = <T extends z.ZodType>(request: Request, schema: T): z.output<T> =>
  parseOrThrow(schema, rawQuery(request.url));

/** A path parameter as given: itty leaves percent-encoding in place for some characters. */
export function pathParam(value: string | undefined): string {
  return decode(value ?? "");
}
