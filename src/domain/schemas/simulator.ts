// Wire schemas of the simulator's handset view.
import { z } from "zod";
import { IsoTime, lazySchema, Msisdn, Paging, pageOf, queryList } from "./common";

export const ListSimulatorMessagesQuery = z.object({
  ...Paging,
  to: queryList(Msisdn)
    .optional()
    .meta({ type: "string", description: "Comma-separated phone numbers", examples: ["46701234567"] }),
});
export type ListSimulatorMessagesQuery = z.infer<typeof ListSimulatorMessagesQuery>;

export const SimulatorMessage = lazySchema(() =>
  z.object({
    batch_id: z.string(),
    to: z.string(),
    from: z.string(),
    body: z.string(),
    udh: z.string().optional(),
    encoding: z.string(),
    number_of_parts: z.number().int(),
    flash_message: z.boolean(),
    status: z.string().meta({
      description:
        "The message's current delivery status (Dispatched, Delivered, Failed, ...), as its delivery report shows it",
    }),
    code: z.number().int(),
    received_at: z.string().meta({ format: "date-time" }),
  }),
);
export type SimulatorMessage = z.infer<ReturnType<typeof SimulatorMessage>>;

export const SimulatorMessageList = lazySchema(() => pageOf("messages", SimulatorMessage()));

/** A message "from a phone" to one of the plan's numbers (simulator plans only). */
export const SimulatedInboundRequest = z.object({
  from: Msisdn,
  to: Msisdn,
  body: z.string().max(2000, "must be at most 2000 characters"),
  /** When the handset sent it; defaults to now. */
  sent_at: IsoTime.optional(),
});
export type SimulatedInboundRequest = z.infer<typeof SimulatedInboundRequest>;
