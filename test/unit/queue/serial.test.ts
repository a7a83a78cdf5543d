// The queue object's lock and alarm lane: work runs one piece at a time in call order, and a failure stops nothing.
import { describe, expect, it } from "vitest";
import { Serial } from "../../../src/queue/serial";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("Serial", () => {
  it("runs each piece after the one before has finished, in call order", async () => {
    const lane = new Serial();
    const log: string[] = [];
    const piece = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([lane.run(piece("a")), lane.run(piece("b")), lane.run(piece("c"))]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["a start", "a end", "b start", "b end", "c start", "c end"]);
  });

  it("gives a failure to its own caller and still runs what was queued after it", async () => {
    const lane = new Serial();
    const failed = lane.run(async () => {
      await tick();
      throw new Error("crash");
    });
    const next = lane.run(async () => "ran");
    await expect(failed).rejects.toThrow("crash");
    await expect(next).resolves.toBe("ran");
  });

  it("settles once everything queued so far has, failures included", async () => {
    const lane = new Serial();
    let done = false;
    lane
      .run(async () => {
        await tick();
        throw new Error("crash");
      })
      .catch(() => undefined);
    lane.run(async () => {
      await tick();
      done = true;
    });
    await expect(lane.settled()).resolves.toBeUndefined();
    expect(done).toBe(true);
  });
});
