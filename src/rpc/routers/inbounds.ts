// tRPC procedures of inbound messages.
import { z } from "zod";
import { getInbound, listInbounds } from "../../domain/inbounds/inbounds";
import { ListInboundsQuery } from "../../domain/schemas/inbounds";
import { optionalInput } from "../input";
import { planProcedure, router } from "../trpc";

export const inboundsRouter = router({
  list: planProcedure
    .input(optionalInput(ListInboundsQuery))
    .query(({ ctx, input }) => listInbounds(ctx.scope, input)),
  get: planProcedure
    .input(z.object({ inbound_id: z.string().min(1) }))
    .query(({ ctx, input }) => getInbound(ctx.scope, input.inbound_id)),
});
