// REST routes of the callback log (a gateway extension, outside /xms/v1): list, get, redeliver.
import { getCallback, listCallbacks, redeliverCallback } from "../../domain/callbacks/callbacks";
import {
  CallbackDetail,
  CallbackList,
  CallbackPath,
  ListCallbacksQuery,
} from "../../domain/schemas/callbacks";
import { type Operation, planOperation } from "../rest";

const tag = "Callbacks";
const CALLBACKS = "/gateway/v1/:service_plan_id/callbacks";

export const callbackOperations: Operation[] = [
  planOperation(
    {
      method: "GET",
      path: CALLBACKS,
      operationId: "listCallbacks",
      summary: "List callbacks and their delivery state",
      description: "Delivery report and MO callbacks of the last 14 days, newest first.",
      tag,
      query: ListCallbacksQuery,
      status: 200,
      response: CallbackList,
    },
    (ctx, { query }) => listCallbacks(ctx, query),
  ),
  planOperation(
    {
      method: "GET",
      path: `${CALLBACKS}/:callback_id`,
      operationId: "getCallback",
      summary: "Get a callback with every delivery attempt",
      tag,
      params: CallbackPath,
      status: 200,
      response: CallbackDetail,
    },
    (ctx, { params }) => getCallback(ctx, params.callback_id),
  ),
  planOperation(
    {
      method: "POST",
      path: `${CALLBACKS}/:callback_id/redeliver`,
      operationId: "redeliverCallback",
      summary: "Send a callback again now",
      description: "Posts it at once, signed afresh, logs the attempt and answers the updated callback.",
      tag,
      params: CallbackPath,
      status: 200,
      response: CallbackDetail,
    },
    (ctx, { params }) => redeliverCallback(ctx, params.callback_id),
  ),
];
