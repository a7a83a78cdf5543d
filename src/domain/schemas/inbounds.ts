// Wire schemas of the inbound operations: list query and the InboundMessage object.
import { z } from "zod";
import { IdParam, IsoTime, lazySchema, Msisdn, Paging, pageOf, queryList } from "./common";

export const ListInboundsQuery = z.object({
  ...Paging,
  to: queryList(Msisdn)
    .optional()
    .meta({ type: "string", description: "Comma-separated phone numbers", examples: ["46701234567"] }),
  start_date: IsoTime.optional(),
  end_date: IsoTime.optional(),
  client_reference: z.string().optional(),
});
export type ListInboundsQuery = z.infer<typeof ListInboundsQuery>;

/** The path of one inbound: REST's `/inbounds/{inbound_id}` and the tRPC input `{ inbound_id }`. */
export const InboundPath = z.object({ inbound_id: IdParam });

const Time = () => z.string().meta({ format: "date-time", examples: ["2030-01-01T09:00:00.000Z"] });

export const InboundMessage = lazySchema(() =>
  z.object({
    id: z.string(),
    type: z.enum(["mo_text", "mo_binary"]),
    from: z.string().meta({ examples: ["46701234567"] }),
    to: z.string().meta({ examples: ["12345"] }),
    body: z.string(),
    udh: z.string().optional(),
    received_at: Time(),
    sent_at: Time().optional(),
    operator_id: z.string().optional(),
    client_reference: z.string().optional(),
  }),
);
export type InboundMessage = z.infer<ReturnType<typeof InboundMessage>>;

export const InboundMessageList = lazySchema(() => pageOf("inbounds", InboundMessage()));
