// Wire schemas of the simulator's handset view.
import { z } from "zod";
import { Msisdn, Paging, queryList } from "./common";

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
  /** The operator's verdict at submission: Dispatched, or Aborted for an unroutable number. */
  status: string;
  code: number;
  received_at: string;
}
