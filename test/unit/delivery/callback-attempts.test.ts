// Pure parts of a callback attempt: what the log keeps of an answer, and what an outcome does to the callback.
import { describe, expect, it } from "vitest";
import { attemptRecord, type CallbackResult } from "../../../src/domain/delivery/callback-delivery";
import { firstBytes, RESPONSE_BYTES } from "../../../src/domain/delivery/callback-post";

const streamOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
      controller.close();
    },
  });

describe("the start of a receiver's answer", () => {
  it("keeps at most 512 bytes, across chunks, and reads no further than needed", async () => {
    expect(RESPONSE_BYTES).toBe(512);
    expect(await firstBytes(streamOf("a".repeat(300), "b".repeat(300), "c".repeat(300)), 512)).toBe(
      "a".repeat(300) + "b".repeat(212),
    );
    expect(await firstBytes(streamOf("ok"), 512)).toBe("ok");
    expect(await firstBytes(null, 512)).toBe("");
  });

  it("a character cut at the limit becomes one U+FFFD", async () => {
    expect(await firstBytes(streamOf(`${"a".repeat(511)}é`), 512)).toBe(`${"a".repeat(511)}\uFFFD`);
  });
});

describe("an attempt's outcome", () => {
  const row = { id: "c1", url: "https://example.com/cb", body: "{}", attempts: 0 };
  const result = (outcome: CallbackResult["outcome"], status?: number): CallbackResult => ({
    id: "c1",
    outcome,
    status,
    latencyMs: 12,
    ...(status === undefined && { error: "TypeError: Network connection lost." }),
  });

  it("a 2xx delivers; a retryable failure waits 5 s, then 10 s; other 4xx give up", () => {
    expect(attemptRecord(row, result("delivered", 204), 1_000)).toMatchObject({
      state: "delivered",
      nextAt: null,
      status: 204,
      latencyMs: 12,
    });
    expect(attemptRecord(row, result("retry", 503), 1_000)).toMatchObject({
      state: "pending",
      nextAt: 6_000,
    });
    expect(attemptRecord({ ...row, attempts: 1 }, result("retry"), 1_000)).toMatchObject({
      state: "pending",
      nextAt: 11_000,
      status: null,
      error: "TypeError: Network connection lost.",
    });
    expect(attemptRecord(row, result("drop", 404), 1_000)).toMatchObject({ state: "gave_up", nextAt: null });
  });

  it("the sixteenth failure (the last retry, ~22 h 45 min after the one before) gives up", () => {
    expect(attemptRecord({ ...row, attempts: 14 }, result("retry", 500), 0).nextAt).toBe(81_920_000);
    expect(attemptRecord({ ...row, attempts: 15 }, result("retry", 500), 0)).toMatchObject({
      state: "gave_up",
      nextAt: null,
    });
  });
});
