// waitForReport: the polling a test would otherwise write, until a batch's recipients reach the wanted status.
import type { GatewayClient, GatewayOutputs } from "../rpc/client";

export type BatchReport = GatewayOutputs["deliveryReports"]["byBatch"];
export type DeliveryStatus = BatchReport["statuses"][number]["status"];

export interface WaitForReportOptions {
  /** The status (or any of the statuses) every recipient must reach; default: any final status. */
  status?: DeliveryStatus | DeliveryStatus[];
  /** Give up after this long (default 10 000 ms). */
  timeoutMs?: number;
}

// A recipient in one of these never changes again: waiting on for another status is pointless.
const FINAL: ReadonlySet<DeliveryStatus> = new Set([
  "Delivered",
  "Failed",
  "Rejected",
  "Aborted",
  "Expired",
  "Cancelled",
  "Deleted",
]);
const POLL_MS = 20;

const summary = (report: BatchReport) =>
  report.statuses.map((s) => `${s.count} ${s.status} (${s.code})`).join(", ");

/** Resolves to the batch's full delivery report once every recipient has a wanted status; rejects when one cannot. */
export async function waitForReport(
  client: GatewayClient,
  batchId: string,
  options: WaitForReportOptions = {},
): Promise<BatchReport> {
  const wanted: ReadonlySet<DeliveryStatus> =
    options.status === undefined
      ? FINAL
      : new Set(Array.isArray(options.status) ? options.status : [options.status]);
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  while (true) {
    const report = await client.deliveryReports.byBatch.query({ batch_id: batchId, type: "full" });
    const counted = report.statuses.reduce((n, s) => n + s.count, 0);
    if (counted === report.total_message_count && report.statuses.every((s) => wanted.has(s.status)))
      return report;
    const stuck = report.statuses.find((s) => FINAL.has(s.status) && !wanted.has(s.status));
    if (stuck) {
      throw new Error(`batch ${batchId} will not reach ${[...wanted].join("/")}: ${summary(report)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`batch ${batchId} did not reach ${[...wanted].join("/")} in time: ${summary(report)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
