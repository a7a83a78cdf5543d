import { describe, expect, it } from "vitest";
import { leadingWords, matchesKeyword, optChange } from "../../../src/domain/inbounds/keywords";

describe("inbound keywords", () => {
  it("takes the first two words, upper-cased, ignoring punctuation", () => {
    expect(leadingWords("  join, please!")).toEqual(["JOIN", "PLEASE"]);
    expect(leadingWords("Stop.")).toEqual(["STOP", undefined]);
    expect(leadingWords("")).toEqual([undefined, undefined]);
  });

  it("matches the first word, and the second when the keyword has one", () => {
    expect(matchesKeyword(["JOIN", undefined], { first_word: "join" })).toBe(true);
    expect(matchesKeyword(["JOIN", "NOW"], { first_word: "JOIN", second_word: "now" })).toBe(true);
    expect(matchesKeyword(["JOIN", undefined], { first_word: "JOIN", second_word: "NOW" })).toBe(false);
    expect(matchesKeyword(["JOINED", undefined], { first_word: "JOIN" })).toBe(false);
    expect(matchesKeyword(["JOIN", undefined], undefined)).toBe(false);
  });

  it("opt-out words win over nothing, opt-in words undo", () => {
    expect(optChange("STOP", ["STOP"], ["START"])).toBe("opt_out");
    expect(optChange("START", ["STOP"], ["START"])).toBe("opt_in");
    expect(optChange("HELLO", ["STOP"], ["START"])).toBeUndefined();
    expect(optChange(undefined, ["STOP"], ["START"])).toBeUndefined();
  });
});
