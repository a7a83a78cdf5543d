// The staging upstream: splits by number, merges outcomes, and lets an unavailable real side fail the whole step.
import { describe, expect, it } from "vitest";
import { stagingUpstream } from "../../../src/upstream/staging";
import type { OutboundMessage } from "../../../src/upstream/upstream";
import { scriptedUpstream } from "../../helpers/node/scripted-upstream";

const message = (recipient: string): OutboundMessage => ({
  key: `B1:${recipient}`,
  batchId: "B1",
  servicePlanId: "plan-1",
  recipient,
  from: "12345",
  type: "mt_text",
  body: "hi",
  encoding: "GSM",
  parts: 1,
  flash: false,
  submission: "S1",
});

describe("staging upstream", () => {
  const messages = ["46700000001", "46700000002", "46700000003"].map(message);

  it("sends allowlisted numbers to the real upstream and the rest to the simulator, merging both outcomes", async () => {
    const real = scriptedUpstream();
    const simulated = scriptedUpstream();
    const staging = stagingUpstream(new Set(["46700000002"]), real, simulated);
    const outcome = await staging.submit(messages, 1_000);
    expect(real.submissions).toEqual([["B1:46700000002"]]);
    expect(simulated.submissions).toEqual([["B1:46700000001", "B1:46700000003"]]);
    expect(outcome.events.map((e) => e.recipient).sort()).toEqual([
      "46700000001",
      "46700000002",
      "46700000003",
    ]);
    const found = await staging.reconcile(messages, 2_000);
    expect([...found.known].sort()).toEqual(messages.map((m) => m.key));
    await staging.cancel?.("B1");
    expect(real.cancelled).toEqual(["B1"]);
    expect(simulated.cancelled).toEqual([]);
  });

  it("fails the step before the simulator records anything when the real upstream is unavailable", async () => {
    const real = scriptedUpstream();
    const simulated = scriptedUpstream();
    real.refuseNext(1);
    const staging = stagingUpstream(new Set(["46700000002"]), real, simulated);
    await expect(staging.submit(messages, 1_000)).rejects.toThrow("scripted refusal");
    expect(simulated.submissions).toEqual([]);
  });
});
