// Wire schemas of the admin API: creating and updating service plans and issuing tokens.
import { z } from "zod";
import { CallbackUrl, IdParam, lazySchema, Originator, Paging, pageOf, Url } from "./common";
import { planExtraOutput, planExtraSettings } from "./plan-extras";

const Keywords = z
  .array(z.string().regex(/^\w{1,15}$/, "keywords are single words of at most 15 characters"))
  .min(1)
  .max(20);

/** Where a plan's messages go: the built-in simulator, or the real Sinch API. */
export const UpstreamSettings = z.discriminatedUnion("type", [
  z.object({ type: z.literal("simulator") }),
  z.object({
    type: z.literal("sinch"),
    /** A Sinch region (us, eu, au, br, ca) or an explicit base URL (another gateway, a proxy). */
    region: z.enum(["us", "eu", "au", "br", "ca"]).optional(),
    base_url: Url.optional(),
    service_plan_id: z.string().min(1).max(64),
    /** Stored encrypted; never returned. */
    api_token: z.string().min(1).max(256),
    /** Sinch's webhook secret for this plan, to verify its callbacks; stored encrypted; never returned. */
    webhook_secret: z.string().min(1).max(256),
  }),
]);
export type UpstreamSettings = z.infer<typeof UpstreamSettings>;

const settings = {
  name: z.string().max(128, "must be at most 128 characters").nullable(),
  /** Messages per second, one per recipient; 0 turns the limit off. */
  rate_limit: z.number().int().min(0).max(100_000),
  default_originator: Originator.nullable(),
  callback_url: CallbackUrl.nullable(),
  webhook_secret: z.string().min(16, "must be at least 16 characters").max(256),
  auto_encoding: z.boolean(),
  opt_out_enabled: z.boolean(),
  /** null restores the defaults. */
  opt_out_keywords: Keywords.nullable(),
  opt_in_keywords: Keywords.nullable(),
  upstream: UpstreamSettings,
  help_keywords: Keywords.nullable(),
  ...planExtraSettings,
};

export const CreateServicePlanRequest = z
  .object({
    /** Lets a deployment choose its plan id (the local dev plan does); generated otherwise. */
    service_plan_id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8-64 characters of A-Z a-z 0-9 _ -")
      .optional(),
    /** A token to register instead of a generated one (the local dev token). */
    api_token: z.string().min(16, "must be at least 16 characters").max(256).optional(),
    ...settings,
  })
  .partial();
export type CreateServicePlanRequest = z.infer<typeof CreateServicePlanRequest>;

export const UpdateServicePlanRequest = z.object(settings).partial();
export type UpdateServicePlanRequest = z.infer<typeof UpdateServicePlanRequest>;

export const DEFAULT_RATE_LIMIT = 30;
export const DEFAULT_OPT_OUT_KEYWORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"];
export const DEFAULT_OPT_IN_KEYWORDS = ["START", "UNSTOP", "YES"];

export const SINCH_REGIONS = { us: "us", eu: "eu", au: "au", br: "br", ca: "ca" } as const;
export const sinchRegionUrl = (region: string) => `https://${region}.sms.api.sinch.com`;

/** The path of one plan in the admin API, and the tRPC input `{ service_plan_id }`. */
export const ServicePlanPath = z.object({ service_plan_id: IdParam });
export const TokenPath = z.object({ service_plan_id: IdParam, token_id: IdParam });

const Time = () => z.string().meta({ format: "date-time" });

export const ServicePlanSettings = lazySchema(() =>
  z.object({
    service_plan_id: z.string().meta({ examples: ["a1b2c3d4e5f60718293a4b5c6d7e8f90"] }),
    name: z.string().nullable(),
    rate_limit: z.number().int(),
    default_originator: z.string().nullable(),
    callback_url: z.string().nullable(),
    webhook_secret: z.string(),
    auto_encoding: z.boolean(),
    opt_out_enabled: z.boolean(),
    opt_out_keywords: z.array(z.string()),
    opt_in_keywords: z.array(z.string()),
    upstream: z.discriminatedUnion("type", [
      z.object({ type: z.literal("simulator") }),
      z.object({ type: z.literal("sinch"), base_url: z.string(), service_plan_id: z.string() }),
    ]),
    created_at: Time(),
    modified_at: Time(),
    ...planExtraOutput(),
  }),
);
export type ServicePlanSettings = z.infer<ReturnType<typeof ServicePlanSettings>>;

export const IssuedToken = lazySchema(() =>
  z.object({
    token_id: z.string(),
    api_token: z.string().meta({ description: "Shown once: only its hash is stored" }),
  }),
);
export type IssuedToken = z.infer<ReturnType<typeof IssuedToken>>;

/** A new plan: its settings and its first API token. */
export const CreatedServicePlan = lazySchema(() =>
  z.object({ ...ServicePlanSettings().shape, ...IssuedToken().shape }),
);

export const ListServicePlansQuery = z.object({ ...Paging });
export type ListServicePlansQuery = z.infer<typeof ListServicePlansQuery>;

/** Plans newest first, in Sinch's list envelope: settings without the webhook secret (GET one plan shows it). */
export const ServicePlanList = lazySchema(() =>
  pageOf("service_plans", ServicePlanSettings().omit({ webhook_secret: true })),
);

export const ApiTokenList = lazySchema(() =>
  z.array(z.object({ token_id: z.string(), created_at: Time(), revoked_at: Time().optional() })),
);
