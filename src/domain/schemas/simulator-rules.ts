// Wire schemas of the simulator's scripted rules (per plan) and of the plan clock.
import { z } from "zod";
import { patternProblem } from "../simulator/rule-pattern";
import { DAY_MS } from "../time";
import { lazySchema, Msisdn } from "./common";

export const MAX_RULES = 100;
/** A receipt or reply later than the longest expiry (3 days) could never matter. */
export const MAX_RULE_DELAY_MS = 3 * DAY_MS;
/** One jump of the plan clock: a year is more than any schedule the gateway keeps. */
export const MAX_CLOCK_ADVANCE_MS = 366 * DAY_MS;

const Ms = z.number().int().min(0).max(MAX_RULE_DELAY_MS);

const Delay = z
  .union([
    Ms,
    z
      .array(Ms)
      .length(2, "must be a number or [min, max]")
      .refine(([min = 0, max = 0]) => min <= max, "min must not exceed max"),
  ])
  .meta({ description: "Milliseconds, or [min, max] drawn from the plan's seeded generator" });

const Digits = z
  .string()
  .regex(/^\+?\d{1,15}$/, "must be 1 to 15 digits")
  .transform((v) => v.replace(/^\+/, ""));

const Pattern = z.string().superRefine((value, ctx) => {
  const problem = patternProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
});

const RuleMatch = z
  .strictObject({
    number: Msisdn.optional(),
    prefix: Digits.optional(),
    pattern: Pattern.optional().meta({
      description:
        "A regular expression over the number's digits, anchored at both ends, e.g. `4670\\d{3}9[0-4]\\d`",
    }),
  })
  .refine((m) => [m.number, m.prefix, m.pattern].filter((v) => v !== undefined).length === 1, {
    message: "must have exactly one of number, prefix or pattern",
  });

export const RULE_STATUSES = ["Delivered", "Failed", "Rejected", "Aborted", "none"] as const;

/** What a rule does beyond matching: shared by the request and the stored form, which have no transforms here. */
const ruleEffects = {
  outcome: z
    .strictObject({
      status: z.enum(RULE_STATUSES),
      code: z.number().int().min(0).max(65_535).optional(),
    })
    .refine((o) => o.status !== "none" || o.code === undefined, {
      message: "a none outcome sends no receipt, so it has no code",
      path: ["code"],
    })
    .optional(),
  delay_ms: Delay.optional(),
  receipts: z.enum(["normal", "duplicate", "out_of_order"]).optional(),
  submit_error: z
    .strictObject({
      status: z.literal([429, 500, 503]),
      times: z.number().int().min(1).max(1000),
    })
    .optional(),
  reply: z
    .strictObject({
      body: z.string().min(1).max(2000, "must be at most 2000 characters"),
      delay_ms: Ms.optional(),
    })
    .optional(),
};

export const SimulatorRule = z.strictObject({ match: RuleMatch, ...ruleEffects });
export type SimulatorRule = z.infer<typeof SimulatorRule>;

export const SetSimulatorRulesRequest = z.strictObject({
  rules: z
    .array(SimulatorRule)
    .max(MAX_RULES, `must have at most ${MAX_RULES} rules`)
    .meta({
      examples: [
        [
          {
            match: { number: "46700000001" },
            outcome: { status: "Failed", code: 21 },
            receipts: "duplicate",
          },
          { match: { prefix: "46701" }, delay_ms: [500, 5000], reply: { body: "STOP", delay_ms: 1000 } },
          { match: { pattern: "4670\\d{3}9[0-4]\\d{2}" }, submit_error: { status: 429, times: 2 } },
        ],
      ],
    }),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional()
    .meta({ description: "Seeds the [min, max] delays; omitted: a new random seed" }),
});
export type SetSimulatorRulesRequest = z.infer<typeof SetSimulatorRulesRequest>;

export const SimulatorRules = lazySchema(() =>
  z.object({
    rules: z.array(
      z.object({
        match: z.object({
          number: z.string().optional(),
          prefix: z.string().optional(),
          pattern: z.string().optional(),
        }),
        ...ruleEffects,
      }),
    ),
    seed: z.number().int(),
  }),
);
export type SimulatorRules = { rules: SimulatorRule[]; seed: number };

export const AdvanceClockRequest = z.strictObject({
  advance_ms: z.number().int().min(1).max(MAX_CLOCK_ADVANCE_MS),
});
export type AdvanceClockRequest = z.infer<typeof AdvanceClockRequest>;

export const PlanClock = lazySchema(() =>
  z.object({ now: z.string().meta({ format: "date-time", description: "The plan's current time" }) }),
);
export type PlanClock = { now: string };
