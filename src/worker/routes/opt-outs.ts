// REST routes of a plan's opt-out list (a gateway extension, outside /xms/v1).
import { addOptOut, listOptOuts, removeOptOut } from "../../domain/opt-outs/opt-outs";
import {
  ListOptOutsQuery,
  OptOut,
  OptOutList,
  OptOutPath,
  OptOutRequest,
} from "../../domain/schemas/opt-outs";
import { type Operation, planOperation } from "../rest";

const tag = "Opt-outs";
const OPT_OUTS = "/gateway/v1/:service_plan_id/opt_outs";

export const optOutOperations: Operation[] = [
  planOperation(
    {
      method: "GET",
      path: OPT_OUTS,
      operationId: "listOptOuts",
      summary: "List opted-out numbers",
      tag,
      query: ListOptOutsQuery,
      status: 200,
      response: OptOutList,
    },
    (ctx, { query }) => listOptOuts(ctx, query),
  ),
  planOperation(
    {
      method: "POST",
      path: OPT_OUTS,
      operationId: "addOptOut",
      summary: "Opt a number out",
      description: "Later batches skip it: its recipients end as Failed with code 408.",
      tag,
      body: OptOutRequest,
      status: 201,
      response: OptOut,
    },
    (ctx, { body }) => addOptOut(ctx, body),
  ),
  planOperation(
    {
      method: "DELETE",
      path: `${OPT_OUTS}/:msisdn`,
      operationId: "removeOptOut",
      summary: "Opt a number back in",
      tag,
      params: OptOutPath,
      status: 200,
    },
    (ctx, { params }) => removeOptOut(ctx, params.msisdn),
  ),
];
