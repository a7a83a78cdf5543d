// REST route of a plan's statistics (a gateway extension, outside /xms/v1).
import { Stats, StatsQuery } from "../../domain/schemas/stats";
import { getStats } from "../../domain/stats/stats";
import { type Operation, planOperation } from "../rest";

export const statsOperations: Operation[] = [
  planOperation(
    {
      method: "GET",
      path: "/gateway/v1/:service_plan_id/stats",
      operationId: "getStats",
      summary: "Get statistics",
      description:
        "Counts of accepted, dispatched, delivered, failed, ... recipients, parts sent and inbound messages, in buckets of a minute, hour or day (UTC). At most 1,440 buckets and 31 days per call.",
      tag: "Statistics",
      query: StatsQuery,
      status: 200,
      response: Stats,
    },
    (ctx, { query }) => getStats(ctx, query),
  ),
];
