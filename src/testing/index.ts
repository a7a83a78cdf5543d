/// <reference types="node" />
// sinch-edge-gateway/testing: a real gateway inside the test's own process (Miniflare), one per test file.
import {
  createGatewayClient,
  type GatewayClient,
  type GatewayInputs,
  type GatewayOutputs,
} from "../rpc/client";
import { type BatchReport, type WaitForReportOptions, waitForReport } from "./wait-for-report";
import { startWorker } from "./worker";

export type { BatchReport, DeliveryStatus, WaitForReportOptions } from "./wait-for-report";

export interface TestGatewayOptions {
  /** Settings of the ready service plan, as for `admin.createServicePlan` (default: `rate_limit: 0`, unthrottled). */
  plan?: Partial<GatewayInputs["admin"]["createServicePlan"]>;
  /** How long the simulated network takes to report delivery, in ms (default 0). */
  deliveryDelayMs?: number;
  /** More Worker variables (defaults here: `CALLBACK_ALLOW_PRIVATE: "true"`, `REQUEST_LOG: "off"` unless verbose). */
  vars?: Record<string, string>;
  /** Print the Worker's log lines (default false: quiet). */
  verbose?: boolean;
}

export type SimulatedMessage = GatewayOutputs["simulator"]["messages"]["messages"][number];
export type InboundMessage = GatewayOutputs["simulator"]["sendInbound"];

/** The simulated operator network and its handsets. */
export interface TestSimulator {
  /** What the handset `to` has received, newest first. */
  messages(to: string): Promise<SimulatedMessage[]>;
  /** A message from a phone `from` to the plan's number `to` (STOP, START, a group keyword, a reply). */
  sendInbound(message: { from: string; to: string; body: string }): Promise<InboundMessage>;
}

export interface TestGateway {
  /** The gateway's origin on 127.0.0.1, for REST calls or an SDK. */
  url: string;
  servicePlanId: string;
  /** The plan's API token. */
  token: string;
  /** The ADMIN_TOKEN of this gateway (generated per start). */
  adminToken: string;
  /** The typed client, bound to the ready plan. */
  client: GatewayClient;
  simulator: TestSimulator;
  /** Waits until every recipient of the batch has `status` (default: any final one) and returns the full report. */
  waitForReport(batchId: string, options?: WaitForReportOptions): Promise<BatchReport>;
  /** Stops the Worker runtime and frees its port and storage. Safe to call twice. */
  stop(): Promise<void>;
}

const randomHex = (bytes: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join("");

/** Starts a fresh gateway (empty database, one service plan) in this process; needs Node 22+. */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const adminToken = randomHex(24);
  const worker = await startWorker(
    {
      // Tests point callbacks at receivers on 127.0.0.1; the per-request log would drown the test's output.
      CALLBACK_ALLOW_PRIVATE: "true",
      REQUEST_LOG: options.verbose ? "on" : "off",
      UPSTREAM_ENCRYPTION_KEY: randomHex(32),
      ...options.vars,
      ADMIN_TOKEN: adminToken,
      SIMULATOR_DELIVERY_DELAY_MS: String(options.deliveryDelayMs ?? 0),
    },
    options.verbose ?? false,
  );
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= worker.dispose();
    return stopped;
  };
  try {
    const admin = createGatewayClient({ url: worker.url, token: adminToken });
    const plan = await admin.admin.createServicePlan.mutate({ name: "test", rate_limit: 0, ...options.plan });
    const client = createGatewayClient({
      url: worker.url,
      servicePlanId: plan.service_plan_id,
      token: plan.api_token,
    });
    return {
      url: worker.url,
      servicePlanId: plan.service_plan_id,
      token: plan.api_token,
      adminToken,
      client,
      simulator: {
        messages: async (to) => (await client.simulator.messages.query({ to, page_size: 100 })).messages,
        sendInbound: ({ from, to, body }) => client.simulator.sendInbound.mutate({ from, to, body }),
      },
      waitForReport: (batchId, waitOptions) => waitForReport(client, batchId, waitOptions),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
