// Wire schemas of the opt-out list (a gateway extension under /gateway/v1).
import { z } from "zod";
import { lazySchema, Msisdn, MsisdnParam, Paging, pageOf } from "./common";

export const ListOptOutsQuery = z.object({ ...Paging });
export type ListOptOutsQuery = z.infer<typeof ListOptOutsQuery>;

export const OptOutRequest = z.object({ msisdn: Msisdn });
export type OptOutRequest = z.infer<typeof OptOutRequest>;

/** The path of one opt-out: REST's `/opt_outs/{msisdn}` and the tRPC input `{ msisdn }`. */
export const OptOutPath = z.object({ msisdn: MsisdnParam });

export const OptOut = lazySchema(() =>
  z.object({
    msisdn: z.string().meta({ examples: ["46701234567"] }),
    source: z
      .string()
      .meta({ description: 'The keyword that opted the number out, or "api"', examples: ["STOP"] }),
    created_at: z.string().meta({ format: "date-time" }),
  }),
);
export type OptOut = z.infer<ReturnType<typeof OptOut>>;

export const OptOutList = lazySchema(() => pageOf("opt_outs", OptOut()));
