// Wire schemas of the callback conformance check: the receiver's URL in, one verdict per case out.
import { z } from "zod";
import { CallbackUrl, lazySchema } from "./common";

export const CallbackCheckRequest = z.object({ url: CallbackUrl });
export type CallbackCheckRequest = z.infer<typeof CallbackCheckRequest>;

export const CallbackCheckCase = lazySchema(() =>
  z.object({
    name: z.string().meta({ examples: ["tampered_body"] }),
    expected: z.enum(["2xx", "4xx"]),
    status: z
      .number()
      .int()
      .nullable()
      .meta({ description: "The receiver's answer; null when it gave none" }),
    passed: z.boolean(),
  }),
);
export type CallbackCheckCase = z.infer<ReturnType<typeof CallbackCheckCase>>;

export const CallbackCheckResult = lazySchema(() =>
  z.object({
    url: z.string(),
    passed: z.boolean().meta({ description: "Every case passed" }),
    cases: z.array(CallbackCheckCase()),
  }),
);
export type CallbackCheckResult = z.infer<ReturnType<typeof CallbackCheckResult>>;
