// The console's pure pieces: recipients typed by a person, the characters that force UCS-2, a batch's progress.
import { describe, expect, it } from "vitest";
import { progressOf } from "../../../src/console/progress";
import { splitTargets } from "../../../src/console/targets";
import { ucs2Forcing } from "../../../src/console/ucs2";

describe("splitTargets", () => {
  it("splits on commas and new lines and drops blanks", () => {
    expect(splitTargets(" 46701234567,46700000001\n\n01ABCDEF ,")).toEqual([
      "46701234567",
      "46700000001",
      "01ABCDEF",
    ]);
    expect(splitTargets(" \n ")).toEqual([]);
  });
});

describe("ucs2Forcing", () => {
  it("names each non-GSM character once, an emoji as one character", () => {
    expect(ucs2Forcing("Hi 👋 and 👋 ж")).toEqual(["👋", "ж"]);
  });

  it("finds nothing in GSM-7 text, extension characters included", () => {
    expect(ucs2Forcing("Price: 5€ [ok] ^_^ {x} ~ | \\ Ñ ü")).toEqual([]);
  });
});

describe("progressOf", () => {
  it("counts every final status other than Delivered as failed, Unknown as dispatched", () => {
    const status = (s: string, count: number) => ({ status: s, code: 0, count }) as never;
    const report = {
      type: "delivery_report_sms" as const,
      batch_id: "b",
      total_message_count: 9,
      statuses: [
        status("Queued", 1),
        status("Dispatched", 2),
        status("Unknown", 1),
        status("Delivered", 3),
        status("Rejected", 1),
        status("Expired", 1),
      ],
    };
    expect(progressOf(report)).toEqual({ queued: 1, dispatched: 3, delivered: 3, failed: 2 });
    expect(progressOf(undefined)).toEqual({ queued: 0, dispatched: 0, delivered: 0, failed: 0 });
  });
});
