// Wire schemas of a plan's statistics (a gateway extension under /gateway/v1): the query and the bucketed counts.
import { z } from "zod";
import { IsoTime, lazySchema } from "./common";
import { DELIVERY_STATUSES } from "./delivery-reports";

export const GRANULARITIES = ["minute", "hour", "day"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const StatsQuery = z.object({
  start_date: IsoTime.optional().meta({
    description:
      "Start of the range, rounded down to a whole bucket; default: one default span (minute: 1 hour, hour: 1 day, day: 7 days) before end_date",
    examples: ["2026-12-01T00:00:00Z"],
  }),
  end_date: IsoTime.optional().meta({
    description:
      "End of the range, exclusive, rounded up to a whole bucket; default: one default span after start_date, or now when neither is given",
    examples: ["2026-12-02T00:00:00Z"],
  }),
  granularity: z.enum(GRANULARITIES).default("hour"),
});
export type StatsQuery = z.infer<typeof StatsQuery>;

const count = (description: string) => z.number().int().meta({ description });

const counts = {
  accepted: count(
    "Recipients accepted (a batch's recipient rows written; removed again by update or replace)",
  ),
  dispatched: count("Recipients handed to the operator network or Sinch"),
  parts_sent: count("Message parts (SMS segments) of the dispatched recipients"),
  delivered: count("Recipients that reached Delivered"),
  failed: count("Recipients that reached Failed"),
  rejected: count("Recipients that reached Rejected, opted-out numbers (code 408) included"),
  opted_out: count("Recipients not sent because the number opted out (Rejected, code 408)"),
  aborted: count("Recipients that reached Aborted (never left, e.g. unroutable)"),
  expired: count("Recipients that reached Expired"),
  cancelled: count("Recipients that reached Cancelled"),
  inbound_received: count("Inbound (MO) messages stored"),
  callbacks_ok: count("Callback attempts answered 2xx"),
  callbacks_failed: count("Callback attempts that failed (non-2xx answer, redirect or network error)"),
};

export const StatCounts = lazySchema(() =>
  z.object({
    ...counts,
    statuses: z
      .array(
        z.object({
          status: z.enum(DELIVERY_STATUSES),
          code: z.number().int(),
          count: z.number().int(),
        }),
      )
      .meta({ description: "Final statuses broken out by delivery code" }),
  }),
);
export type StatCounts = z.infer<ReturnType<typeof StatCounts>>;

export const Stats = lazySchema(() =>
  z.object({
    granularity: z.enum(GRANULARITIES),
    start_date: z.string().meta({ format: "date-time" }),
    end_date: z.string().meta({ format: "date-time" }),
    buckets: z
      .array(z.object({ start: z.string().meta({ format: "date-time" }), ...StatCounts().shape }))
      .meta({ description: "Buckets with any count, oldest first; a bucket not listed counted nothing" }),
    totals: StatCounts(),
  }),
);
export type Stats = z.infer<ReturnType<typeof Stats>>;
