// Wire schemas of the callback log (a gateway extension under /gateway/v1): list query, entries and attempts.
import { z } from "zod";
import { CALLBACK_KINDS, CALLBACK_STATES } from "../../db/schema/callbacks";
import { IdParam, IsoTime, lazySchema, Paging, pageOf } from "./common";

export const ListCallbacksQuery = z.object({
  ...Paging,
  state: z.enum(CALLBACK_STATES).optional(),
  kind: z.enum(CALLBACK_KINDS).optional(),
  batch_id: IdParam.optional(),
  start_date: IsoTime.optional().meta({ description: "Callbacks created at or after this time" }),
  end_date: IsoTime.optional().meta({ description: "Callbacks created at or before this time" }),
});
export type ListCallbacksQuery = z.infer<typeof ListCallbacksQuery>;

/** The path of one callback: REST's `/callbacks/{callback_id}` and the tRPC input `{ callback_id }`. */
export const CallbackPath = z.object({ callback_id: IdParam });

const Time = () => z.string().meta({ format: "date-time", examples: ["2030-01-01T09:00:05.000Z"] });

export const CallbackAttempt = lazySchema(() =>
  z.object({
    attempt: z.number().int().meta({ description: "1 for the first try" }),
    at: Time(),
    url: z.string(),
    status: z.number().int().optional().meta({ description: "The receiver's HTTP status" }),
    error: z
      .string()
      .optional()
      .meta({ description: "Why no HTTP answer came (timeout, connection refused)" }),
    latency_ms: z.number().int(),
    response: z.string().optional().meta({ description: "The first 512 bytes of the receiver's answer" }),
    next_attempt_at: Time().optional().meta({ description: "When the next try was due after this one" }),
  }),
);
export type CallbackAttempt = z.infer<ReturnType<typeof CallbackAttempt>>;

const entryShape = () => ({
  id: z.string().meta({ examples: ["5f0c8a41e2d94b7c1a03"] }),
  kind: z.enum(CALLBACK_KINDS),
  batch_id: z.string().optional(),
  inbound_id: z.string().optional(),
  recipient: z.string().optional().meta({ description: "Set for per-recipient delivery reports" }),
  url: z.string(),
  state: z.enum(CALLBACK_STATES),
  attempt_count: z.number().int(),
  next_attempt_at: Time().optional().meta({ description: "When a pending callback is tried next" }),
  created_at: Time(),
  last_attempt_at: Time().optional(),
  last_status: z.number().int().optional(),
  last_error: z.string().optional(),
  body: z.string().meta({ description: "The JSON text posted, byte for byte" }),
});

export const CallbackEntry = lazySchema(() => z.object(entryShape()));
export type CallbackEntry = z.infer<ReturnType<typeof CallbackEntry>>;

export const CallbackDetail = lazySchema(() =>
  z.object({ ...entryShape(), attempts: z.array(CallbackAttempt()) }),
);
export type CallbackDetail = z.infer<ReturnType<typeof CallbackDetail>>;

export const CallbackList = lazySchema(() => pageOf("callbacks", CallbackEntry()));
