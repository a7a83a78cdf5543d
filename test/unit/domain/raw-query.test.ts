import { describe, expect, it } from "vitest";
import { ApiError } from "../../../src/domain/errors";
import { rawQuery } from "../../../src/worker/http";

describe("rawQuery", () => {
  it("keeps the Node SDK's unencoded + and joins repeated keys with a comma", () => {
    expect(
      rawQuery("http://x/inbounds?to=+12017777777,+12018888888&start_date=2024-06-06T00:00:00.000+02:00"),
    ).toEqual({
      to: "+12017777777,+12018888888",
      start_date: "2024-06-06T00:00:00.000+02:00",
    });
    expect(rawQuery("http://x/r?status=Delivered&status=Failed&flag")).toEqual({
      status: "Delivered,Failed",
      flag: "",
    });
    expect(rawQuery("http://x/r?to=%2B4670")).toEqual({ to: "+4670" });
    expect(rawQuery("http://x/r")).toEqual({});
  });

  it("answers malformed percent-encoding with a Sinch 400", () => {
    expect(() => rawQuery("http://x/r?a=%E0%A4%A")).toThrow(ApiError);
  });
});
