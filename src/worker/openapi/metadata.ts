// What the document says beyond the operations: info, tags, security schemes, and the names of shared schemas.
import type { z } from "zod";
import {
  Batch,
  BatchList,
  DeliveryFeedbackRequest,
  DryRunResponse,
  SendBatchRequest,
  UpdateBatchRequest,
} from "../../domain/schemas/batches";
import {
  BatchDeliveryReport,
  DeliveryReportList,
  RecipientDeliveryReport,
} from "../../domain/schemas/delivery-reports";
import {
  CreateGroupRequest,
  Group,
  GroupList,
  ReplaceGroupRequest,
  UpdateGroupRequest,
} from "../../domain/schemas/groups";
import { InboundMessage, InboundMessageList } from "../../domain/schemas/inbounds";
import { OptOut, OptOutList, OptOutRequest } from "../../domain/schemas/opt-outs";
import {
  CreatedServicePlan,
  CreateServicePlanRequest,
  ServicePlanSettings,
  UpdateServicePlanRequest,
} from "../../domain/schemas/service-plans";
import { SimulatedInboundRequest, SimulatorMessageList } from "../../domain/schemas/simulator";
import { SinchCallback } from "../../domain/webhooks/sinch";

export const INFO = {
  title: "Sinch-compatible SMS gateway",
  version: "1",
  description: [
    "An SMS gateway on Cloudflare Workers that speaks the Sinch SMS API (`/xms/v1`): batches, delivery",
    "reports, groups and inbound messages, plus the gateway's own opt-out list, simulator and admin API.",
    "Every 4xx and 5xx answer is Sinch's error body `{code, text}`. Phone numbers are accepted with `+`,",
    "without, or with `00`, and returned as digits without `+`. The same operations are also served as",
    "tRPC procedures at `/trpc` for the typed TypeScript client. Live events (batch progress, recipient",
    "statuses, inbounds, opt-outs, callback attempts) stream over a WebSocket at",
    "`GET /gateway/v1/{service_plan_id}/events` (subprotocols `gateway-events.v1` and `token.<API token>`),",
    "described in the gateway's docs/events.md rather than here: its messages are not request/response operations.",
  ].join(" "),
};

export const TAGS = [
  { name: "Batches", description: "Send SMS to phone numbers and groups, now or scheduled." },
  {
    name: "Delivery Reports",
    description: "Where each recipient's message is: per batch, per recipient, plan-wide.",
  },
  { name: "Groups", description: "Named sets of phone numbers, usable as batch targets." },
  { name: "Inbounds", description: "Messages phones sent to the plan's numbers." },
  { name: "Opt-outs", description: "Numbers that asked to receive nothing more (a gateway extension)." },
  { name: "Callbacks", description: "Checks of your callback receiver (a gateway extension)." },
  { name: "Statistics", description: "Per-plan counts by minute, hour or day (a gateway extension)." },
  { name: "Simulator", description: "The built-in fake operator network, for development and tests." },
  { name: "Admin", description: "Service plans and their API tokens (the admin token)." },
  { name: "Webhooks", description: "Callbacks from Sinch, for plans whose upstream is Sinch." },
  { name: "Gateway", description: "Liveness and this document." },
];

export const SECURITY_SCHEMES = {
  planToken: {
    type: "http",
    scheme: "bearer",
    description: "An API token of the service plan named in the path (`Authorization: Bearer <token>`).",
  },
  adminToken: {
    type: "http",
    scheme: "bearer",
    description:
      "The gateway's `ADMIN_TOKEN` secret; the admin API answers 401 to everything when it is unset.",
  },
};

/** Schemas shown once under components and referenced by name (the seed's names where it has one). */
export const schemaNames = () =>
  new Map<z.ZodType, string>([
    [SendBatchRequest, "SendBatchRequest"],
    [UpdateBatchRequest, "UpdateBatchRequest"],
    [DeliveryFeedbackRequest, "DeliveryFeedbackRequest"],
    [Batch(), "Batch"],
    [BatchList(), "BatchList"],
    [DryRunResponse(), "DryRunResponse"],
    [BatchDeliveryReport(), "DeliveryReport"],
    [RecipientDeliveryReport(), "RecipientDeliveryReport"],
    [DeliveryReportList(), "DeliveryReportList"],
    [CreateGroupRequest, "CreateGroupRequest"],
    [ReplaceGroupRequest, "ReplaceGroupRequest"],
    [UpdateGroupRequest, "UpdateGroupRequest"],
    [Group(), "Group"],
    [GroupList(), "GroupList"],
    [InboundMessage(), "InboundMessage"],
    [InboundMessageList(), "InboundMessageList"],
    [OptOutRequest, "OptOutRequest"],
    [OptOut(), "OptOut"],
    [OptOutList(), "OptOutList"],
    [SimulatedInboundRequest, "SimulatedInboundRequest"],
    [SimulatorMessageList(), "SimulatorMessageList"],
    [CreateServicePlanRequest, "CreateServicePlanRequest"],
    [UpdateServicePlanRequest, "UpdateServicePlanRequest"],
    [ServicePlanSettings(), "ServicePlan"],
    [CreatedServicePlan(), "CreatedServicePlan"],
    [SinchCallback, "SinchCallback"],
  ]);

/**
 * The seed requires `from` in a send request: documented so, as a client that always sends it is always right.
 * The gateway itself also takes a send without `from` when the plan has a default originator; `type` defaults
 * to mt_text.
 */
export function seedRequired(schemas: Record<string, Record<string, unknown>>): void {
  const send = schemas.SendBatchRequest as {
    oneOf?: { required?: string[]; properties?: object }[];
    description?: string;
  };
  for (const variant of send.oneOf ?? []) {
    const required = new Set(variant.required);
    required.add("from");
    const textVariant = JSON.stringify(variant.properties ?? {}).includes('"const":"mt_text"');
    if (textVariant) required.delete("type");
    variant.required = [...required];
  }
  send.description =
    "`type` defaults to `mt_text`. `from` may be left out only when the service plan has a default originator.";
}
