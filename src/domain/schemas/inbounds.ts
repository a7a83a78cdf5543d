// Wire schemas of the inbound operations: list query and the InboundMessage object.
import { z } from "zod";
import { IsoTime, Msisdn, Paging, queryList } from "./common";

export const ListInboundsQuery = z.object({
  ...Paging,
  to: queryList(Msisdn).optional(),
  start_date: IsoTime.optional(),
  end_date: IsoTime.optional(),
  client_reference: z.string().optional(),
});
export type ListInboundsQuery = z.infer<typeof ListInboundsQuery>;

export interface InboundMessage {
  id: string;
  type: "mo_text" | "mo_binary";
  from: string;
  to: string;
  body: string;
  udh?: string;
  received_at: string;
  sent_at?: string;
  operator_id?: string;
  client_reference?: string;
}
