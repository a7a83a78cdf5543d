import { describe, expect, it } from "vitest";
import { classifyCallbackStatus, MAX_RETRIES, retryDelay } from "../../../src/domain/delivery/backoff";

describe("callback retries", () => {
  it("start at 5 s and double to 81,920 s (~22 h 45 min), then stop", () => {
    expect(retryDelay(1)).toBe(5_000);
    expect(retryDelay(2)).toBe(10_000);
    expect(retryDelay(MAX_RETRIES)).toBe(81_920_000);
    expect(retryDelay(MAX_RETRIES + 1)).toBeUndefined();
    expect(retryDelay(0)).toBeUndefined();
  });

  it("retry 5xx, 429 and network errors; end on 2xx; drop other 4xx", () => {
    expect(classifyCallbackStatus(200)).toBe("delivered");
    expect(classifyCallbackStatus(204)).toBe("delivered");
    expect(classifyCallbackStatus(500)).toBe("retry");
    expect(classifyCallbackStatus(503)).toBe("retry");
    expect(classifyCallbackStatus(429)).toBe("retry");
    expect(classifyCallbackStatus(undefined)).toBe("retry");
    expect(classifyCallbackStatus(400)).toBe("drop");
    expect(classifyCallbackStatus(404)).toBe("drop");
    expect(classifyCallbackStatus(301)).toBe("drop");
  });
});
