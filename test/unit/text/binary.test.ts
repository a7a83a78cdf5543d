// mt_binary sizes: parts at 140 bytes, Base64 and hex byte lengths with validation.
import { describe, expect, it } from "vitest";
import { base64ByteLength, binaryParts, hexByteLength } from "../../../src/domain/text/binary";
import { seededRandom } from "../../helpers/random-text";

describe("binaryParts", () => {
  it.each([
    [0, 0, 1],
    [1, 0, 1],
    [134, 6, 1],
    [135, 6, 2],
    [140, 0, 1],
    [141, 0, 2],
    [0, 141, 2],
    [280, 0, 2],
    [281, 0, 3],
  ])("body %i + udh %i bytes = %i part(s)", (body, udh, parts) => {
    expect(binaryParts(body, udh)).toBe(parts);
  });
});

describe("base64ByteLength", () => {
  it.each([
    ["", 0],
    ["QQ==", 1],
    ["QUI=", 2],
    ["QUJD", 3],
    ["QUJDRA==", 4],
    ["QQ", 1],
    ["QUI", 2],
    ["+/+/", 3],
  ])("%j is %i bytes", (b64, bytes) => {
    expect(base64ByteLength(b64)).toBe(bytes);
  });

  it.each(["Q", "QQ=", "Q===", "====", "=", "QUJDR", "QU J", "QUJD\n", "QUJD-_", "QQ==QQ==", "QUJ==", "é"])(
    "rejects %j",
    (b64) => {
      expect(base64ByteLength(b64)).toBeUndefined();
    },
  );

  it("agrees with btoa on random byte strings of every length up to 200", () => {
    const random = seededRandom(3);
    for (let n = 0; n <= 200; n++) {
      let bytes = "";
      for (let i = 0; i < n; i++) bytes += String.fromCharCode(Math.floor(random() * 256));
      const b64 = btoa(bytes);
      expect(base64ByteLength(b64)).toBe(n);
      expect(base64ByteLength(b64.replace(/=+$/, ""))).toBe(n);
    }
  });
});

describe("hexByteLength", () => {
  it.each([
    ["", 0],
    ["00", 1],
    ["0a0B", 2],
    ["050003CC0201", 6],
    ["abcdefABCDEF0123456789", 11],
  ])("%j is %i bytes", (hex, bytes) => {
    expect(hexByteLength(hex)).toBe(bytes);
  });

  it.each(["0", "abc", "zz", "0x00", "0g", " 00", "\u0010\u0011", "GG", "éé"])("rejects %j", (hex) => {
    expect(hexByteLength(hex)).toBeUndefined();
  });
});
