// Wire schemas of the admin API: creating and updating service plans and issuing tokens.
import { z } from "zod";
import { Originator, Url } from "./common";

const settings = {
  name: z.string().max(128, "must be at most 128 characters").nullable(),
  /** Messages per second, one per recipient; 0 turns the limit off. */
  rate_limit: z.number().int().min(0).max(100_000),
  default_originator: Originator.nullable(),
  callback_url: Url.nullable(),
  webhook_secret: z.string().min(16, "must be at least 16 characters").max(256),
  auto_encoding: z.boolean(),
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
  .partial({
    name: true,
    rate_limit: true,
    default_originator: true,
    callback_url: true,
    webhook_secret: true,
    auto_encoding: true,
  });
export type CreateServicePlanRequest = z.infer<typeof CreateServicePlanRequest>;

export const UpdateServicePlanRequest = z.object(settings).partial();
export type UpdateServicePlanRequest = z.infer<typeof UpdateServicePlanRequest>;

export const DEFAULT_RATE_LIMIT = 30;

export interface ServicePlanSettings {
  service_plan_id: string;
  name: string | null;
  rate_limit: number;
  default_originator: string | null;
  callback_url: string | null;
  webhook_secret: string;
  auto_encoding: boolean;
  created_at: string;
  modified_at: string;
}

export interface IssuedToken {
  token_id: string;
  api_token: string;
}
