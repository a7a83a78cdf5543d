// Wire schemas of the delivery report operations: batch, recipient and list queries and report objects.
import { z } from "zod";
import { IdParam, IsoTime, lazySchema, MsisdnParam, Paging, pageOf, queryList, sinchIssue } from "./common";

export const DELIVERY_STATUSES = [
  "Queued",
  "Dispatched",
  "Aborted",
  "Cancelled",
  "Rejected",
  "Deleted",
  "Delivered",
  "Failed",
  "Expired",
  "Unknown",
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const Status = z.string().transform((value, ctx) => {
  const status = DELIVERY_STATUSES.find((s) => s.toLowerCase() === value.toLowerCase());
  if (!status) {
    ctx.addIssue(
      sinchIssue(
        "syntax_invalid_parameter_format",
        `'${value}' is not a delivery status (${DELIVERY_STATUSES.join(", ")})`,
      ),
    );
    return z.NEVER;
  }
  return status;
});

const Code = z.string().transform((value, ctx) => {
  if (!/^\d{1,5}$/.test(value)) {
    ctx.addIssue(sinchIssue("syntax_invalid_parameter_format", `'${value}' is not a delivery report code`));
    return z.NEVER;
  }
  return Number(value);
});

/** Filters shared by every report query: comma-joined lists as the Node SDK sends them. */
const filters = {
  status: queryList(Status)
    .optional()
    .meta({ type: "string", description: "Comma-separated statuses", examples: ["Delivered,Failed"] }),
  code: z
    .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])
    .transform((v) => (Array.isArray(v) ? v.map(String) : String(v)))
    .pipe(queryList(Code))
    .optional()
    .meta({ type: "string", description: "Comma-separated delivery report codes", examples: ["0,402"] }),
  client_reference: z.string().optional(),
};

export const BatchReportQuery = z.object({
  type: z.enum(["summary", "full"]).default("summary"),
  ...filters,
});
export type BatchReportQuery = z.infer<typeof BatchReportQuery>;

export const ListDeliveryReportsQuery = z.object({
  ...Paging,
  type: z.enum(["summary", "full", "recipient"]).default("summary"),
  ...filters,
  start_date: IsoTime.optional(),
  end_date: IsoTime.optional(),
});
export type ListDeliveryReportsQuery = z.infer<typeof ListDeliveryReportsQuery>;

/** The path of one recipient's report: REST's `/batches/{batch_id}/delivery_report/{recipient_msisdn}`. */
export const RecipientReportPath = z.object({ batch_id: IdParam, recipient_msisdn: MsisdnParam });

const Time = () => z.string().meta({ format: "date-time", examples: ["2030-01-01T09:00:02.000Z"] });
const StatusName = z.enum(DELIVERY_STATUSES);

export const StatusCount = lazySchema(() =>
  z.object({
    code: z
      .number()
      .int()
      .meta({ examples: [0] }),
    status: StatusName,
    count: z.number().int(),
    recipients: z.array(z.string()).optional().meta({ description: "With `type=full`" }),
  }),
);
export type StatusCount = z.infer<ReturnType<typeof StatusCount>>;

export const BatchDeliveryReport = lazySchema(() =>
  z.object({
    type: z.literal("delivery_report_sms"),
    batch_id: z.string(),
    client_reference: z.string().optional(),
    total_message_count: z.number().int(),
    statuses: z.array(StatusCount()),
  }),
);
export type BatchDeliveryReport = z.infer<ReturnType<typeof BatchDeliveryReport>>;

export const RecipientDeliveryReport = lazySchema(() =>
  z.object({
    type: z.literal("recipient_delivery_report_sms"),
    batch_id: z.string(),
    recipient: z.string(),
    code: z.number().int(),
    status: StatusName,
    at: Time(),
    operator_status_at: Time().optional(),
    client_reference: z.string().optional(),
    encoding: z.enum(["GSM", "UNICODE"]).optional(),
    number_of_message_parts: z.number().int().optional(),
  }),
);
export type RecipientDeliveryReport = z.infer<ReturnType<typeof RecipientDeliveryReport>>;

/** `type=summary|full`: batch reports (the seed's shape); `type=recipient`: recipient reports (Sinch's). */
export const DeliveryReportList = lazySchema(() =>
  pageOf("delivery_reports", z.union([BatchDeliveryReport(), RecipientDeliveryReport()])),
);
