// Wire schemas of the simulator's handset view.
import { z } from "zod";
import { IsoTime, Msisdn, Paging, queryList } from "./common";

export const ListSimulatorMessagesQuery = z.object({ ...Paging, to: queryList(Msisdn).optional() });
export type ListSimulatorMessagesQuery = z.infer<typeof ListSimulatorMessagesQuery>;

export interface SimulatorMessage {
  batch_id: string;
  to: string;
  from: string;
  body: string;
  udh?: string;
  encoding: string;
  number_of_parts: number;
  flash_message: boolean;
  /** The message's current delivery status (Dispatched, Delivered, Failed, ...), as its delivery report shows it. */
  status: string;
  code: number;
  received_at: string;
}

/** A message "from a phone" to one of the plan's numbers (simulator plans only). */
export const SimulatedInboundRequest = z.object({
  from: Msisdn,
  to: Msisdn,
  body: z.string().max(2000, "must be at most 2000 characters"),
  /** When the handset sent it; defaults to now. */
  sent_at: IsoTime.optional(),
});
export type SimulatedInboundRequest = z.infer<typeof SimulatedInboundRequest>;
