// tRPC procedures of delivery reports.
import {
  getBatchReport,
  getRecipientReport,
  listDeliveryReports,
} from "../../domain/delivery-reports/reports";
import { BatchId } from "../../domain/schemas/batches";
import {
  BatchReportQuery,
  ListDeliveryReportsQuery,
  RecipientReportPath,
} from "../../domain/schemas/delivery-reports";
import { optionalInput } from "../input";
import { planProcedure, router } from "../trpc";

export const deliveryReportsRouter = router({
  byBatch: planProcedure
    .input(BatchReportQuery.extend({ batch_id: BatchId }))
    .query(({ ctx, input }) => getBatchReport(ctx.scope, input.batch_id, input)),
  byRecipient: planProcedure
    .input(RecipientReportPath)
    .query(({ ctx, input }) => getRecipientReport(ctx.scope, input.batch_id, input.recipient_msisdn)),
  list: planProcedure
    .input(optionalInput(ListDeliveryReportsQuery))
    .query(({ ctx, input }) => listDeliveryReports(ctx.scope, input)),
});
