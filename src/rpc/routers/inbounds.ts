// tRPC procedures of inbound messages.
import { getInbound, listInbounds } from "../../domain/inbounds/inbounds";
import { InboundPath, ListInboundsQuery } from "../../domain/schemas/inbounds";
import { optionalInput } from "../input";
import { planProcedure, router } from "../trpc";

export const inboundsRouter = router({
  list: planProcedure
    .input(optionalInput(ListInboundsQuery))
    .query(({ ctx, input }) => listInbounds(ctx.scope, input)),
  get: planProcedure.input(InboundPath).query(({ ctx, input }) => getInbound(ctx.scope, input.inbound_id)),
});
