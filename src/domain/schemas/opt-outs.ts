// Wire schemas of the opt-out list (a gateway extension under /gateway/v1).
import { z } from "zod";
import { Msisdn, Paging } from "./common";

export const ListOptOutsQuery = z.object({ ...Paging });
export type ListOptOutsQuery = z.infer<typeof ListOptOutsQuery>;

export const OptOutRequest = z.object({ msisdn: Msisdn });
export type OptOutRequest = z.infer<typeof OptOutRequest>;

export interface OptOut {
  msisdn: string;
  /** The keyword that opted the number out, or "api". */
  source: string;
  created_at: string;
}
