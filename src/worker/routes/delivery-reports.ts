// REST routes of delivery reports: batch report, recipient report, plan-wide list.
import {
  getBatchReport,
  getRecipientReport,
  listDeliveryReports,
} from "../../domain/delivery-reports/reports";
import { BatchPath } from "../../domain/schemas/batches";
import {
  BatchDeliveryReport,
  BatchReportQuery,
  DeliveryReportList,
  ListDeliveryReportsQuery,
  RecipientDeliveryReport,
  RecipientReportPath,
} from "../../domain/schemas/delivery-reports";
import { type Operation, planOperation, XMS } from "../rest";

const tag = "Delivery Reports";

export const deliveryReportOperations: Operation[] = [
  planOperation(
    {
      method: "GET",
      path: `${XMS}/batches/:batch_id/delivery_report`,
      operationId: "getBatchDeliveryReport",
      summary: "Get a batch's delivery report",
      description: "Recipients counted per status and code; `type=full` lists the recipients of each.",
      tag,
      params: BatchPath,
      query: BatchReportQuery,
      status: 200,
      response: BatchDeliveryReport,
    },
    (ctx, { params, query }) => getBatchReport(ctx, params.batch_id, query),
  ),
  planOperation(
    {
      method: "GET",
      path: `${XMS}/batches/:batch_id/delivery_report/:recipient_msisdn`,
      operationId: "getRecipientDeliveryReport",
      summary: "Get one recipient's delivery report",
      tag,
      params: RecipientReportPath,
      status: 200,
      response: RecipientDeliveryReport,
    },
    (ctx, { params }) => getRecipientReport(ctx, params.batch_id, params.recipient_msisdn),
  ),
  planOperation(
    {
      method: "GET",
      path: `${XMS}/delivery_reports`,
      operationId: "listDeliveryReports",
      summary: "List delivery reports",
      description:
        "`type=summary` (default) and `type=full` list batch reports; `type=recipient` lists recipient reports, as Sinch does.",
      tag,
      query: ListDeliveryReportsQuery,
      status: 200,
      response: DeliveryReportList,
    },
    (ctx, { query }) => listDeliveryReports(ctx, query),
  ),
];
