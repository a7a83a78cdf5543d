// One internal name per encoding, and the two wire vocabularies Sinch names them with (reports; dry runs).
import type { Encoding } from "./segments";

/** What a message is sent as: a text encoding, or binary (UDH + Base64 payload). */
export type MessageEncoding = Encoding | "binary";

/** Recipient delivery reports, with smart encoding on: Sinch's `GSM` | `UNICODE`; binary has none. */
export type ReportEncoding = "GSM" | "UNICODE";
export const reportEncoding = (e: MessageEncoding): ReportEncoding | null =>
  e === "binary" ? null : e === "GSM" ? "GSM" : "UNICODE";

/** Dry-run per-recipient details: Sinch's `text` | `unicode` (and `binary` for binary batches). */
export const DRY_RUN_ENCODING = { GSM: "text", UCS2: "unicode", binary: "binary" } as const satisfies Record<
  MessageEncoding,
  string
>;
