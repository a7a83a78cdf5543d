import { describe, expect, it } from "vitest";
import { minuteToIso, parseIsoTime, toIso } from "../../../src/domain/time";

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
    ["2024-02-29T12:00:00Z", "2024-02-29T12:00:00.000Z"],
    ["2024-12-31", "2024-12-31T00:00:00.000Z"],
  ])("%s is %s (no offset means UTC)", (input, iso) =>
    expect(toIso(parseIsoTime(input) as number)).toBe(iso),
  );

  it.each([
    "tomorrow",
    "2024-13-01",
    "2024-06-06T25:00:00Z",
    "",
    "1717665734",
    "2026-02-30T00:00:00Z",
    "2025-02-29",
    "2024-04-31T10:00:00Z",
    "2024-00-10",
    "2024-01-00T00:00:00Z",
  ])("rejects %j", (input) => expect(parseIsoTime(input)).toBeUndefined());
});

describe("minuteToIso", () => {
  it("equals toIso for every minute of days around month, year and leap-day boundaries, in any order", () => {
    const days = ["1970-01-01", "2024-02-28", "2024-02-29", "2024-12-31", "2026-12-01", "9999-12-31"];
    const minutes: number[] = [];
    for (const day of days) {
      const first = Date.parse(`${day}T00:00:00Z`) / 60_000;
      for (let m = -2; m < 1442; m++) minutes.push(first + m);
    }
    // Back and forth, so the remembered day changes often.
    for (const minute of [...minutes, ...minutes.reverse()])
      expect(minuteToIso(minute)).toBe(toIso(minute * 60_000));
  });
});
