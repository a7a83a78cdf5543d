// The error responses of the document: Sinch's `{code,text}` body, which statuses each operation can answer.
import type { Auth, OperationDoc } from "../rest";

const error = (description: string, code: string, text: string) => ({
  description,
  content: {
    "application/json": { schema: { $ref: "#/components/schemas/Error" }, example: { code, text } },
  },
});

export const ERROR_RESPONSES = {
  E400: error(
    "Invalid request: `syntax_invalid_json`, `syntax_invalid_parameter_format` or `syntax_constraint_violation`",
    "syntax_invalid_parameter_format",
    "to[0]: '123abc' is not a valid phone number or group id",
  ),
  E401: error("Missing or invalid token", "unauthorized", "Invalid or missing API token"),
  E403: error(
    "A named group does not exist (`unknown_group`), or not allowed",
    "unknown_group",
    "Unknown group 01JD5Y3QK8B8N0M7ZG6R3V5W2X",
  ),
  E404: error(
    "No such resource in this service plan",
    "not_found",
    "Batch 01JD5Y3QK8B8N0M7ZG6R3V5W2X not found",
  ),
  E409: error(
    "The batch can no longer be changed",
    "conflict_send_at",
    "Batch 01JD5Y3QK8B8N0M7ZG6R3V5W2X is canceled and can no longer be changed",
  ),
  E413: error("Body larger than 1 MiB", "request_too_large", "Request body must be at most 1048576 bytes"),
  E415: error("Body not sent as JSON", "unsupported_media_type", "Content-Type must be application/json"),
  E500: error(
    "Unexpected failure; details go to the log, never to the caller",
    "internal_error",
    "Internal server error",
  ),
};

/** Statuses besides success: from the kind of operation, plus those it names itself. */
export function errorStatuses(op: OperationDoc & { auth: Auth }): number[] {
  const statuses = new Set<number>(op.errors ?? []);
  if (op.params || op.query || op.body || op.auth === "plan") statuses.add(400);
  if (op.auth !== "none") statuses.add(401);
  if (op.params) statuses.add(404);
  if (op.body) {
    statuses.add(413);
    statuses.add(415);
  }
  statuses.add(500);
  return [...statuses].sort((a, b) => a - b);
}
