// Wire schemas of the batch operations: send, replace, update, list, dry run, delivery feedback, and the Batch object.
import { z } from "zod";
import { normalizeMsisdn } from "../msisdn";
import { base64ByteLength, hexByteLength } from "../text/binary";
import {
  MAX_PARAMETER_VALUE_LENGTH,
  PARAMETER_KEY_PATTERN,
  type Parameters as ParameterMap,
} from "../text/parameters";
import { DAY_MS } from "../time";
import {
  CallbackUrl,
  IdParam,
  IsoTime,
  lazySchema,
  Msisdn,
  Originator,
  Paging,
  pageOf,
  queryBool,
  queryInt,
  sinchIssue,
  Target,
} from "./common";

export const MAX_RECIPIENTS = 1000;
export const MAX_BODY_LENGTH = 2000;
export const MAX_BINARY_BYTES = 140;
export const MAX_UPDATE_RECIPIENTS = 100;

export const DeliveryReportType = z.enum(["none", "summary", "full", "per_recipient", "per_recipient_final"]);
export type DeliveryReportType = z.infer<typeof DeliveryReportType>;

/** zod records skip an own `__proto__` key, which would drop a parameter silently: refuse it instead. */
const notProto = (key: string) => key !== "__proto__";

function hasProtoKey(parameters: unknown): boolean {
  if (typeof parameters !== "object" || parameters === null) return false;
  if (Object.hasOwn(parameters, "__proto__")) return true;
  return Object.values(parameters).some(
    (v) => typeof v === "object" && v !== null && Object.hasOwn(v, "__proto__"),
  );
}

/** `{ key: { "<msisdn>" | "default": value } }`, recipient keys normalised like recipients. */
export const Parameters: z.ZodType<ParameterMap> = z.record(
  z
    .string()
    .regex(PARAMETER_KEY_PATTERN, "parameter keys are 1-16 characters of A-Z a-z 0-9 . _ -")
    .refine(notProto, "__proto__ is not allowed as a parameter key"),
  z
    .record(
      z.string().refine(notProto, "__proto__ is neither a phone number nor 'default'"),
      z.string().max(MAX_PARAMETER_VALUE_LENGTH, `must be at most ${MAX_PARAMETER_VALUE_LENGTH} characters`),
    )
    .transform((values, ctx) => {
      const out: Record<string, string> = {};
      for (const [key, value] of Object.entries(values)) {
        const recipient = key === "default" ? key : normalizeMsisdn(key);
        if (recipient === undefined) {
          ctx.addIssue(
            sinchIssue("syntax_invalid_parameter_format", `'${key}' is neither a phone number nor 'default'`),
          );
          return z.NEVER;
        }
        out[recipient] = value;
      }
      return out;
    }),
);
export type Parameters = ParameterMap;

const Base64 = z
  .string()
  .refine((v) => base64ByteLength(v) !== undefined, "must be Base64")
  .meta({ examples: ["SGVsbG8gd29ybGQ="] });
const Hex = z
  .string()
  .refine((v) => hexByteLength(v) !== undefined, "must be hexadecimal")
  .meta({ examples: ["050003cc0201"] });

/** Sinch caps expire_at at send_at + 3 days, so a send_at older than that could only ever expire. */
export const MAX_SEND_AT_PAST_MS = 3 * DAY_MS;

const SendAt = IsoTime.refine((ms) => ms >= Date.now() - MAX_SEND_AT_PAST_MS, {
  message: "must not be more than 3 days in the past",
  params: { sinch: "syntax_constraint_violation" },
});

const common = {
  from: Originator.optional(),
  delivery_report: DeliveryReportType.optional(),
  send_at: SendAt.optional(),
  expire_at: IsoTime.optional().meta({ examples: ["2030-01-02T09:00:00Z"] }),
  callback_url: CallbackUrl.optional(),
  client_reference: z.string().max(2048, "must be at most 2048 characters").optional(),
  feedback_enabled: z.boolean().optional(),
  from_ton: z.number().int().min(0).max(6).optional(),
  from_npi: z.number().int().min(0).max(18).optional(),
};

const to = z
  .array(Target)
  .min(1, "must contain at least 1 recipient")
  .max(MAX_RECIPIENTS, `must contain at most ${MAX_RECIPIENTS} recipients`);

const textFields = {
  body: z
    .string()
    .max(MAX_BODY_LENGTH, `must be at most ${MAX_BODY_LENGTH} characters`)
    .meta({ examples: ["Hello from the gateway"] }),
  parameters: Parameters.optional(),
  flash_message: z.boolean().optional(),
  max_number_of_message_parts: z.number().int().min(1).optional(),
  truncate_concat: z.boolean().optional(),
};

const binaryFields = { body: Base64, udh: Hex };

export const TextBatchRequest = z.object({ ...common, to, type: z.literal("mt_text"), ...textFields });
export const BinaryBatchRequest = z
  .object({ ...common, to, type: z.literal("mt_binary"), ...binaryFields })
  .superRefine(checkBinaryLength);

function checkBinaryLength(value: { body?: string; udh?: string }, ctx: z.RefinementCtx) {
  const bytes = (base64ByteLength(value.body ?? "") ?? 0) + (hexByteLength(value.udh ?? "") ?? 0);
  if (bytes > MAX_BINARY_BYTES)
    ctx.addIssue({
      ...sinchIssue(
        "syntax_constraint_violation",
        `body and udh together must be at most ${MAX_BINARY_BYTES} bytes, got ${bytes}`,
      ),
      path: ["body"],
    });
}

/** Top-level `null` means absent, as Sinch allows. */
function withoutNulls(input: unknown, ctx?: z.core.$RefinementCtx): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  if (hasProtoKey((input as { parameters?: unknown }).parameters))
    ctx?.addIssue({
      ...sinchIssue("syntax_invalid_parameter_format", "__proto__ is not allowed as a parameter key"),
      path: ["parameters"],
    });
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (value !== null) out[key] = value;
  return out;
}

/** Sinch defaults `type` to mt_text; MMS is out of scope and refused by name. */
function normalizeSendBody(input: unknown, ctx: z.core.$RefinementCtx): unknown {
  const out = withoutNulls(input, ctx);
  if (typeof out !== "object" || out === null || Array.isArray(out)) return out;
  const body = out as Record<string, unknown>;
  body.type ??= "mt_text";
  if (body.type === "mt_media")
    ctx.addIssue({
      ...sinchIssue("syntax_invalid_parameter_format", "mt_media (MMS) is not supported by this gateway"),
      path: ["type"],
    });
  else if (body.type !== "mt_text" && body.type !== "mt_binary")
    ctx.addIssue({
      ...sinchIssue("syntax_invalid_parameter_format", "must be one of mt_text, mt_binary"),
      path: ["type"],
    });
  return body;
}

const SendBatchUnion = z.discriminatedUnion("type", [TextBatchRequest, BinaryBatchRequest]);

/** What a client may send: `type` may be omitted for text. */
export type SendBatchInput =
  | (Omit<z.input<typeof TextBatchRequest>, "type"> & { type?: "mt_text" })
  | z.input<typeof BinaryBatchRequest>;

// Cast: z.preprocess types its input as unknown, which would leave typed clients unchecked.
export const SendBatchRequest = z.preprocess(normalizeSendBody, SendBatchUnion) as unknown as z.ZodType<
  z.output<typeof SendBatchUnion>,
  SendBatchInput
>;
export type SendBatchRequest = z.infer<typeof SendBatchRequest>;

const UpdateBatchObject = z.object({
  ...common,
  type: z.enum(["mt_text", "mt_binary"]).optional(),
  to_add: z
    .array(Target)
    .max(MAX_UPDATE_RECIPIENTS, `must contain at most ${MAX_UPDATE_RECIPIENTS} items`)
    .optional(),
  to_remove: z
    .array(Target)
    .max(MAX_UPDATE_RECIPIENTS, `must contain at most ${MAX_UPDATE_RECIPIENTS} items`)
    .optional(),
  body: z.string().max(MAX_BODY_LENGTH, `must be at most ${MAX_BODY_LENGTH} characters`).optional(),
  udh: Hex.optional(),
  parameters: Parameters.optional(),
  flash_message: z.boolean().optional(),
  max_number_of_message_parts: z.number().int().min(1).optional(),
  truncate_concat: z.boolean().optional(),
});

export const UpdateBatchRequest = z.preprocess(withoutNulls, UpdateBatchObject) as unknown as z.ZodType<
  z.output<typeof UpdateBatchObject>,
  z.input<typeof UpdateBatchObject>
>;
export type UpdateBatchRequest = z.infer<typeof UpdateBatchRequest>;

export const ListBatchesQuery = z.object({
  ...Paging,
  /** A date-time (seed) or sender number(s) (Sinch). */
  from: z.string().optional(),
  /** A date-time (seed). */
  to: IsoTime.optional(),
  start_date: IsoTime.optional(),
  end_date: IsoTime.optional(),
  client_reference: z.string().optional(),
});
export type ListBatchesQuery = z.infer<typeof ListBatchesQuery>;

export const DryRunQuery = z.object({
  per_recipient: queryBool("per_recipient").default(false),
  number_of_recipients: queryInt("number_of_recipients", 0, MAX_RECIPIENTS).default(100),
});
export type DryRunQuery = z.infer<typeof DryRunQuery>;

export const DeliveryFeedbackRequest = z.object({ recipients: z.array(Msisdn).max(MAX_RECIPIENTS) });
export type DeliveryFeedbackRequest = z.infer<typeof DeliveryFeedbackRequest>;

export const BatchId = IdParam;
/** The path of one batch: REST's `/batches/{batch_id}` and the tRPC input `{ batch_id }`. */
export const BatchPath = z.object({ batch_id: BatchId });

const Time = () => z.string().meta({ format: "date-time", examples: ["2030-01-01T09:00:00.000Z"] });

/** The Batch object as returned: every field with its effective value. */
export const Batch = lazySchema(() =>
  z
    .object({
      id: z.string().meta({ examples: ["01JD5Y3QK8B8N0M7ZG6R3V5W2X"] }),
      type: z.enum(["mt_text", "mt_binary"]),
      to: z.array(z.string()).meta({ examples: [["46701234567"]] }),
      from: z.string().meta({ examples: ["12345"] }),
      body: z.string().meta({ examples: ["Hello ${name}"] }),
      udh: z.string().optional(),
      parameters: z.record(z.string(), z.record(z.string(), z.string())).optional(),
      canceled: z.boolean(),
      created_at: Time(),
      modified_at: Time(),
      delivery_report: DeliveryReportType,
      send_at: Time(),
      expire_at: Time(),
      callback_url: z.string().optional(),
      client_reference: z.string().optional(),
      feedback_enabled: z.boolean(),
      flash_message: z.boolean().optional(),
      max_number_of_message_parts: z.number().int().optional(),
      truncate_concat: z.boolean().optional(),
      from_ton: z.number().int().optional(),
      from_npi: z.number().int().optional(),
    })
    .meta({ description: "A batch with the effective value of every field (defaults filled in)." }),
);
export type Batch = z.infer<ReturnType<typeof Batch>>;

export const BatchList = lazySchema(() => pageOf("batches", Batch()));

export const DryRunResponse = lazySchema(() =>
  z.object({
    number_of_recipients: z.number().int(),
    number_of_messages: z.number().int(),
    per_recipient: z
      .array(
        z.object({
          recipient: z.string(),
          number_of_parts: z.number().int(),
          body: z.string(),
          encoding: z
            .enum(["text", "unicode", "binary"])
            .meta({ description: "Sinch's `text` (GSM) or `unicode`; `binary` for a binary batch" }),
        }),
      )
      .optional()
      .meta({ description: "Present with `per_recipient=true`: at most `number_of_recipients` entries" }),
  }),
);
export type DryRunResponse = z.infer<ReturnType<typeof DryRunResponse>>;
