// Which keyword a message's first word is, and which reply text answers it (pure).
import { describe, expect, it } from "vitest";
import type { ServicePlanRow } from "../../../src/db/schema";
import { replyFor } from "../../../src/domain/inbounds/auto-reply";
import { NO_EXTRAS } from "../../../src/domain/service-plans/plan-extras";

/** Only what replies depend on: the keyword settings and the texts. */
const plan = (settings: Partial<ServicePlanRow> = {}) =>
  ({
    ...NO_EXTRAS,
    optOutEnabled: true,
    optOutKeywords: null,
    optInKeywords: null,
    optOutReply: "bye",
    optInReply: "hi again",
    helpReply: "help text",
    ...settings,
  }) as ServicePlanRow;

describe("replyFor", () => {
  it("answers the first word only, any case, punctuation ignored", () => {
    expect(replyFor(plan(), "Stop!")).toEqual({ kind: "opt_out", text: "bye" });
    expect(replyFor(plan(), "  start please")).toEqual({ kind: "opt_in", text: "hi again" });
    expect(replyFor(plan(), "info?")).toEqual({ kind: "help", text: "help text" });
    expect(replyFor(plan(), "please help")).toBeUndefined();
    expect(replyFor(plan(), "   ")).toBeUndefined();
  });

  it("puts the plan's STOP/START lists before HELP, and ignores them when opt-outs are off", () => {
    const both = plan({ optOutKeywords: '["HELP"]', helpKeywords: '["HELP"]' });
    expect(replyFor(both, "help")).toEqual({ kind: "opt_out", text: "bye" });
    expect(replyFor(plan({ optOutEnabled: false }), "STOP")).toBeUndefined();
    expect(replyFor(plan({ optOutEnabled: false }), "HELP")).toEqual({ kind: "help", text: "help text" });
  });

  it("uses the plan's HELP keywords instead of the defaults, and sends nothing without a text", () => {
    const own = plan({ helpKeywords: '["AIDE"]' });
    expect(replyFor(own, "aide")?.kind).toBe("help");
    expect(replyFor(own, "help")).toBeUndefined();
    expect(replyFor(plan({ helpReply: null }), "HELP")).toBeUndefined();
    expect(replyFor(plan({ optOutReply: null }), "STOP")).toBeUndefined();
  });
});
