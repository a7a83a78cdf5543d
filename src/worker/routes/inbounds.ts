// REST routes of inbound messages: list and get.
import { getInbound, listInbounds } from "../../domain/inbounds/inbounds";
import {
  InboundMessage,
  InboundMessageList,
  InboundPath,
  ListInboundsQuery,
} from "../../domain/schemas/inbounds";
import { type Operation, planOperation, XMS } from "../rest";

const tag = "Inbounds";

export const inboundOperations: Operation[] = [
  planOperation(
    {
      method: "GET",
      path: `${XMS}/inbounds`,
      operationId: "listInboundMessages",
      summary: "List inbound messages",
      tag,
      query: ListInboundsQuery,
      status: 200,
      response: InboundMessageList,
    },
    (ctx, { query }) => listInbounds(ctx, query),
  ),
  planOperation(
    {
      method: "GET",
      path: `${XMS}/inbounds/:inbound_id`,
      operationId: "getInboundMessage",
      summary: "Get an inbound message",
      tag,
      params: InboundPath,
      status: 200,
      response: InboundMessage,
    },
    (ctx, { params }) => getInbound(ctx, params.inbound_id),
  ),
];
