// Wire schemas of the delivery report operations: batch, recipient and list queries and report objects.
import { z } from "zod";
import { IsoTime, Paging, queryList, sinchIssue } from "./common";

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
  status: queryList(Status).optional(),
  code: z
    .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])
    .transform((v) => (Array.isArray(v) ? v.map(String) : String(v)))
    .pipe(queryList(Code))
    .optional(),
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

export interface StatusCount {
  code: number;
  status: DeliveryStatus;
  count: number;
  recipients?: string[];
}

export interface BatchDeliveryReport {
  type: "delivery_report_sms";
  batch_id: string;
  client_reference?: string;
  total_message_count: number;
  statuses: StatusCount[];
}

export interface RecipientDeliveryReport {
  type: "recipient_delivery_report_sms";
  batch_id: string;
  recipient: string;
  code: number;
  status: DeliveryStatus;
  at: string;
  operator_status_at?: string;
  client_reference?: string;
  encoding?: "GSM" | "UNICODE";
  number_of_message_parts?: number;
}
