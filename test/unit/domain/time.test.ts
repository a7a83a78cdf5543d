import { describe, expect, it } from "vitest";
import { parseIsoTime, toIso } from "../../../src/domain/time";

describe("parseIsoTime", () => {
  it.each([
    ["2024-06-06T09:22:14.304Z", "2024-06-06T09:22:14.304Z"],
    ["2024-06-06T09:22:14Z", "2024-06-06T09:22:14.000Z"],
    ["2024-06-06T09:22:14", "2024-06-06T09:22:14.000Z"],
    ["2024-06-06T09:22", "2024-06-06T09:22:00.000Z"],
    ["2024-06-06 09:22:14", "2024-06-06T09:22:14.000Z"],
    ["2024-06-06T11:22:14+02:00", "2024-06-06T09:22:14.000Z"],
    ["2024-06-06T11:22:14+0200", "2024-06-06T09:22:14.000Z"],
    ["2024-06-06T04:22:14-05", "2024-06-06T09:22:14.000Z"],
    ["2024-06-06", "2024-06-06T00:00:00.000Z"],
  ])("%s is %s (no offset means UTC)", (input, iso) =>
    expect(toIso(parseIsoTime(input) as number)).toBe(iso),
  );

  it.each(["tomorrow", "2024-13-01", "2024-06-06T25:00:00Z", "", "1717665734"])("rejects %j", (input) =>
    expect(parseIsoTime(input)).toBeUndefined(),
  );
});
