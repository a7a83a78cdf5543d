// One engine run without the runtime: steps until the line is empty, yielding between steps, never after the last.
import { describe, expect, it } from "vitest";
import { CHUNK } from "../../../src/domain/delivery/limits";
import { runDue } from "../../../src/domain/delivery/run";
import { deliveryHarness } from "../../helpers/node/delivery-harness";
import { numbers } from "../../helpers/numbers";

describe("engine run", () => {
  it("drains a backlog in chunks and offers a yield between steps", async () => {
    const h = await deliveryHarness();
    await h.send({ to: numbers(CHUNK * 2 + 10) });
    const submittedAtYield: number[] = [];
    await runDue({
      ...h.deps,
      yieldBetweenSteps: async () => {
        submittedAtYield.push(h.upstream.submissions.length);
      },
    });
    expect(h.upstream.submissions.map((s) => s.length)).toEqual([CHUNK, CHUNK, 10]);
    // After the first and second step; the third emptied the line and ended the run.
    expect(submittedAtYield).toEqual([1, 2]);
  });
});
