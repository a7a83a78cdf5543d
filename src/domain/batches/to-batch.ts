// A stored batch row as the Sinch Batch object the API answers with.
import type { BatchRow } from "../../db/schema";
import type { Batch, Parameters } from "../schemas/batches";
import { toIso } from "../time";

export function toBatch(row: BatchRow): Batch {
  const batch: Batch = {
    id: row.id,
    type: row.type,
    to: JSON.parse(row.to) as string[],
    from: row.from,
    body: row.body,
    canceled: row.canceled,
    created_at: toIso(row.createdAt),
    modified_at: toIso(row.modifiedAt),
    delivery_report: row.deliveryReport as Batch["delivery_report"],
    send_at: toIso(row.sendAt),
    expire_at: toIso(row.expireAt),
    feedback_enabled: row.feedbackEnabled,
  };
  if (row.type === "mt_binary") batch.udh = row.udh ?? "";
  else {
    if (row.parameters !== null) batch.parameters = JSON.parse(row.parameters) as Parameters;
    batch.flash_message = row.flashMessage;
    if (row.truncateConcat !== null) batch.truncate_concat = row.truncateConcat;
    if (row.maxNumberOfMessageParts !== null) batch.max_number_of_message_parts = row.maxNumberOfMessageParts;
  }
  if (row.callbackUrl !== null) batch.callback_url = row.callbackUrl;
  if (row.clientReference !== null) batch.client_reference = row.clientReference;
  if (row.fromTon !== null) batch.from_ton = row.fromTon;
  if (row.fromNpi !== null) batch.from_npi = row.fromNpi;
  return batch;
}
