// REST routes of delivery reports: batch report, recipient report, plan-wide list.
import type { RouterType } from "itty-router";
import {
  getBatchReport,
  getRecipientReport,
  listDeliveryReports,
} from "../../domain/delivery-reports/reports";
import { BatchReportQuery, ListDeliveryReportsQuery } from "../../domain/schemas/delivery-reports";
import { parseQuery, pathParam } from "../http";
import { planRoute, XMS } from "../rest";

export function deliveryReportRoutes(router: RouterType): string[] {
  router
    .get(
      `${XMS}/batches/:batch_id/delivery_report`,
      planRoute(async (ctx, r) =>
        getBatchReport(ctx, pathParam(r.params.batch_id), parseQuery(r, BatchReportQuery)),
      ),
    )
    .get(
      `${XMS}/batches/:batch_id/delivery_report/:recipient`,
      planRoute(async (ctx, r) =>
        getRecipientReport(ctx, pathParam(r.params.batch_id), pathParam(r.params.recipient)),
      ),
    )
    .get(
      `${XMS}/delivery_reports`,
      planRoute(async (ctx, r) => listDeliveryReports(ctx, parseQuery(r, ListDeliveryReportsQuery))),
    );
  return [
    `${XMS}/batches/:batch_id/delivery_report`,
    `${XMS}/batches/:batch_id/delivery_report/:recipient`,
    `${XMS}/delivery_reports`,
  ];
}
