// tRPC procedure of a plan's statistics.
import { StatsQuery } from "../../domain/schemas/stats";
import { getStats } from "../../domain/stats/stats";
import { optionalInput } from "../input";
import { planProcedure, router } from "../trpc";

export const statsRouter = router({
  get: planProcedure.input(optionalInput(StatsQuery)).query(({ ctx, input }) => getStats(ctx.scope, input)),
});
