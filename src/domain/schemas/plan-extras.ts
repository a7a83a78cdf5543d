// Wire schemas of the plan settings for the test bench: staging allowlist and automatic reply texts.
import { z } from "zod";
import { Msisdn } from "./common";

export const MAX_SIMULATE_EXCEPT = 1000;
export const DEFAULT_HELP_KEYWORDS = ["HELP", "INFO"];

const ReplyText = z.string().min(1, "must not be empty").max(2000, "must be at most 2000 characters");

/** Settings accepted on create and update; each `null` clears the setting. */
export const planExtraSettings = {
  /** Sinch plans only: these numbers go to Sinch, every other recipient to the simulator. */
  simulate_except: z.array(Msisdn).max(MAX_SIMULATE_EXCEPT).nullable(),
  opt_out_reply: ReplyText.nullable(),
  opt_in_reply: ReplyText.nullable(),
  help_reply: ReplyText.nullable(),
};

/** The same settings as a plan shows them. */
export const planExtraOutput = () => ({
  simulate_except: z.array(z.string()).nullable(),
  help_keywords: z.array(z.string()),
  opt_out_reply: z.string().nullable(),
  opt_in_reply: z.string().nullable(),
  help_reply: z.string().nullable(),
});
