// Identifier generation: 26-char ULIDs (sortable, like Sinch's ids) and random hex secrets.
import { monotonicFactory } from "ulidx";

const ulid = monotonicFactory();

/** A new batch, group or inbound id: time-ordered so lists and FIFO follow creation order. */
export const newId = (): string => ulid();

export const isId = (value: string): boolean => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value);

/** Random bytes as lowercase hex: 16 bytes gives Sinch's 32-character plan ids and tokens. */
export function randomHex(bytes = 16): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  let out = "";
  for (const b of buf) out += b.toString(16).padStart(2, "0");
  return out;
}
