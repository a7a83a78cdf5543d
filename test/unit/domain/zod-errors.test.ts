import { describe, expect, it } from "vitest";
import { ApiError } from "../../../src/domain/errors";
import { SendBatchRequest } from "../../../src/domain/schemas/batches";
import { parseOrThrow } from "../../../src/domain/zod-errors";

function errorOf(value: unknown): { code: string; text: string } {
  try {
    parseOrThrow(SendBatchRequest, value);
  } catch (e) {
    if (e instanceof ApiError) return e.toBody();
    throw e;
  }
  throw new Error("parsed");
}

describe("zod issues as Sinch errors", () => {
  it("a missing field is a constraint violation naming the field", () => {
    expect(errorOf({ to: ["46700000001"] })).toEqual({
      code: "syntax_constraint_violation",
      text: "body: is required",
    });
  });
  it("a wrong type is an invalid parameter format", () => {
    expect(errorOf({ to: ["46700000001"], body: 5 })).toMatchObject({
      code: "syntax_invalid_parameter_format",
      text: /^body: /,
    });
  });
  it("a bad element names its index", () => {
    expect(errorOf({ to: ["46700000001", "nope"], body: "x" })).toEqual({
      code: "syntax_invalid_parameter_format",
      text: "to[1]: 'nope' is not a valid phone number or group id",
    });
  });
  it("an unknown enum lists the allowed values", () => {
    expect(errorOf({ to: ["46700000001"], body: "x", delivery_report: "often" })).toEqual({
      code: "syntax_invalid_parameter_format",
      text: "delivery_report: must be one of none, summary, full, per_recipient, per_recipient_final",
    });
  });
  it("too many recipients is a constraint violation", () => {
    const to = Array.from({ length: 1001 }, (_, i) => `4670${String(i).padStart(7, "0")}`);
    expect(errorOf({ to, body: "x" })).toEqual({
      code: "syntax_constraint_violation",
      text: "to: must contain at most 1000 recipients",
    });
  });
  it("mt_media is refused clearly", () => {
    expect(errorOf({ type: "mt_media", to: ["46700000001"], body: { url: "https://x" } })).toEqual({
      code: "syntax_invalid_parameter_format",
      text: "type: mt_media (MMS) is not supported by this gateway",
    });
  });
});
