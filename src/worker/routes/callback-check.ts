// REST route of the callback conformance check (a gateway extension, outside /xms/v1).
import { checkCallbackReceiver } from "../../domain/callbacks/conformance";
import { CallbackCheckRequest, CallbackCheckResult } from "../../domain/schemas/callback-check";
import { type Operation, planOperation } from "../rest";

export const callbackCheckOperations: Operation[] = [
  planOperation(
    {
      method: "POST",
      path: "/gateway/v1/:service_plan_id/callbacks/check",
      operationId: "checkCallbackReceiver",
      summary: "Check a callback receiver's signature handling",
      description:
        "Posts sample callbacks to `url`, signed with the plan's webhook secret: a delivery report and an inbound " +
        "(2xx expected), the same with a tampered body, a wrong secret and a 10-minute-old timestamp (4xx " +
        "expected), and an out-of-order pair, final then intermediate (2xx expected).",
      tag: "Callbacks",
      body: CallbackCheckRequest,
      status: 200,
      response: CallbackCheckResult,
    },
    (ctx, { body }) => checkCallbackReceiver(ctx, body),
  ),
];
