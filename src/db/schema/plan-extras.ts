// Columns of service_plans for the test bench: the staging allowlist, HELP keywords and automatic reply texts.
import { text } from "drizzle-orm/sqlite-core";

/** Spread into the service_plans table: kept here so their owner's changes stay in one file. */
export const planExtraColumns = {
  /** JSON array of numbers that go to the real upstream; null: no staging, everything goes there. */
  simulateExcept: text("simulate_except"),
  /** JSON array of HELP keywords; null means the defaults. */
  helpKeywords: text("help_keywords"),
  /** Texts sent back automatically on STOP, START and HELP keywords; null sends nothing. */
  optOutReply: text("opt_out_reply"),
  optInReply: text("opt_in_reply"),
  helpReply: text("help_reply"),
};
