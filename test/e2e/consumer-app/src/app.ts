// A consumer app: sends a batch, waits for its delivery report, and catches a rejected request as a typed error.
import { createGatewayClient, type GatewayOutputs, isGatewayError } from "sinch-edge-gateway/client";

type Report = GatewayOutputs["deliveryReports"]["byBatch"];

export interface Scenario {
  batchId: string;
  to: string[];
  statuses: { status: string; code: number; count: number }[];
  error: { code: string; text: string; httpStatus: number } | null;
}

const FINAL = new Set(["Delivered", "Failed", "Rejected", "Aborted", "Expired", "Cancelled"]);

export async function scenario(url: string, servicePlanId: string, token: string): Promise<Scenario> {
  const gateway = createGatewayClient({ url, servicePlanId, token });
  const batch = await gateway.batches.send.mutate({
    from: "12345",
    to: ["+46701234567", "+46701239500"],
    body: "Hello from a consumer app",
    delivery_report: "full",
  });

  let report: Report | undefined;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    report = await gateway.deliveryReports.byBatch.query({ batch_id: batch.id, type: "full" });
    if (report.statuses.every((s) => FINAL.has(s.status))) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  let error: Scenario["error"] = null;
  try {
    await gateway.batches.send.mutate({ from: "12345", to: [], body: "nobody" });
  } catch (e) {
    if (!isGatewayError(e)) throw e;
    error = { code: e.code, text: e.text, httpStatus: e.httpStatus };
  }

  const statuses = (report?.statuses ?? []).map(({ status, code, count }) => ({ status, code, count }));
  return { batchId: batch.id, to: batch.to, statuses, error };
}
