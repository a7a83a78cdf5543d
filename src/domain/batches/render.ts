// What one recipient receives and what it costs: parameters rendered, encoding chosen, parts counted. Used by dry run and dispatch.
import type { BatchRow } from "../../db/schema";
import { CODES } from "../delivery/codes";
import type { Parameters } from "../schemas/batches";
import { chooseEncoding } from "../text/auto-encoding";
import { base64ByteLength, binaryParts, hexByteLength } from "../text/binary";
import type { MessageEncoding } from "../text/encoding-names";
import { compileTemplate, renderTemplate, type Template } from "../text/parameters";
import { measureText, truncateToOnePart } from "../text/segments";

export interface Draft {
  type: "mt_text" | "mt_binary";
  body: string;
  udh?: string | null;
  parameters?: Parameters;
  truncateConcat?: boolean | null;
  maxParts?: number | null;
  /** Compiled once per batch when the body has parameters. */
  template?: Template;
}

export type RenderedMessage =
  | { ok: true; body: string; parts: number; encoding: MessageEncoding }
  /** No value and no default for a parameter (405), or more parts than max_number_of_message_parts (411). */
  | { ok: false; failure: typeof CODES.missingParameter | typeof CODES.tooManyParts };

export function draftOfRow(row: BatchRow): Draft {
  const parameters = row.parameters === null ? undefined : (JSON.parse(row.parameters) as Parameters);
  return {
    type: row.type,
    body: row.body,
    udh: row.udh,
    parameters,
    truncateConcat: row.truncateConcat,
    maxParts: row.maxNumberOfMessageParts,
    template: row.type === "mt_text" && parameters ? compileTemplate(row.body) : undefined,
  };
}

export function renderFor(draft: Draft, recipient: string, autoEncoding: boolean): RenderedMessage {
  if (draft.type === "mt_binary") {
    const parts = binaryParts(base64ByteLength(draft.body) ?? 0, hexByteLength(draft.udh ?? "") ?? 0);
    return { ok: true, body: draft.body, parts, encoding: "binary" };
  }
  const rendered = draft.template
    ? renderTemplate(draft.template, draft.parameters, recipient)
    : { ok: true as const, text: draft.body };
  if (!rendered.ok) return { ok: false, failure: CODES.missingParameter };
  const chosen = chooseEncoding(rendered.text, { autoEncoding });
  let out: RenderedMessage = { ok: true, body: chosen.text, parts: chosen.parts, encoding: chosen.encoding };
  // Encoding first: transliteration may make the text fit one part before truncation is needed.
  if (draft.truncateConcat && chosen.parts > 1) {
    const body = truncateToOnePart(chosen.text);
    out = { ok: true, body, parts: 1, encoding: measureText(body).encoding };
  }
  if (draft.maxParts != null && out.parts > draft.maxParts) return { ok: false, failure: CODES.tooManyParts };
  return out;
}
