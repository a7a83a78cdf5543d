// The table of every REST operation: the router registers it and /openapi.json describes it, so the two agree.
import { openApiJson } from "./openapi/document";
import type { Operation } from "./rest";
import { adminOperations } from "./routes/admin";
import { batchOperations } from "./routes/batches";
import { callbackCheckOperations } from "./routes/callback-check";
import { callbackOperations } from "./routes/callbacks";
import { deliveryReportOperations } from "./routes/delivery-reports";
import { groupOperations } from "./routes/groups";
import { inboundOperations } from "./routes/inbounds";
import { metaOperations } from "./routes/meta";
import { optOutOperations } from "./routes/opt-outs";
import { simulatorOperations } from "./routes/simulator";
import { simulatorScriptingOperations } from "./routes/simulator-scripting";
import { statsOperations } from "./routes/stats";
import { webhookOperations } from "./routes/webhooks";

export const operations: readonly Operation[] = [
  ...batchOperations,
  ...deliveryReportOperations,
  ...groupOperations,
  ...inboundOperations,
  ...optOutOperations,
  ...callbackCheckOperations,
  ...statsOperations,
  ...callbackOperations,
  ...simulatorOperations,
  ...simulatorScriptingOperations,
  ...adminOperations,
  ...webhookOperations,
  ...metaOperations(() => openApiJson(operations)),
];
