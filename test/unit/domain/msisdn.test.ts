import { describe, expect, it } from "vitest";
import { normalizeMsisdn, normalizeOriginator } from "../../../src/domain/msisdn";

describe("normalizeMsisdn", () => {
  it.each([
    ["+46701234567", "46701234567"],
    ["0046701234567", "46701234567"],
    ["46701234567", "46701234567"],
    ["+1 (201) 555-0123", "12015550123"],
    ["+123456789012345", "123456789012345"],
  ])("%s -> %s", (input, out) => expect(normalizeMsisdn(input)).toBe(out));

  it.each(["", "+", "abc", "+0123456", "1234567890123456", "12", "+46 70x"])("rejects %j", (input) =>
    expect(normalizeMsisdn(input)).toBeUndefined(),
  );
});

describe("normalizeOriginator", () => {
  it("normalises numbers and keeps alphanumeric senders up to 11 characters", () => {
    expect(normalizeOriginator("+12345")).toBe("12345");
    expect(normalizeOriginator("MyBrand")).toBe("MyBrand");
    expect(normalizeOriginator("Brand 2 Go")).toBe("Brand 2 Go");
    expect(normalizeOriginator("TwelveChars!")).toBeUndefined();
    expect(normalizeOriginator("ABCDEFGHIJKL")).toBeUndefined();
  });
});
