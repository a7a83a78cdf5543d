// REST routes of the simulated operator network (outside /xms/v1): handsets' view and messages "from a phone".
import { InboundMessage } from "../../domain/schemas/inbounds";
import {
  ListSimulatorMessagesQuery,
  SimulatedInboundRequest,
  SimulatorMessageList,
} from "../../domain/schemas/simulator";
import { sendSimulatedInbound } from "../../domain/simulator/handsets";
import { simulatorMessages } from "../../domain/simulator/messages";
import { type Operation, planOperation } from "../rest";

const tag = "Simulator";
const SIMULATOR = "/simulator/v1/:service_plan_id";

export const simulatorOperations: Operation[] = [
  planOperation(
    {
      method: "GET",
      path: `${SIMULATOR}/messages`,
      operationId: "listSimulatorMessages",
      summary: "List what the simulated handsets received",
      description: "One entry per recipient of each dispatched batch, newest first.",
      tag,
      query: ListSimulatorMessagesQuery,
      status: 200,
      response: SimulatorMessageList,
    },
    (ctx, { query }) => simulatorMessages(ctx, query),
  ),
  planOperation(
    {
      method: "POST",
      path: `${SIMULATOR}/inbounds`,
      operationId: "sendSimulatedInbound",
      summary: "Send a message from a simulated handset",
      description:
        "Arrives as an inbound message of the plan (simulator plans and staging Sinch plans, those with " +
        "`simulate_except`; 403 otherwise).",
      tag,
      body: SimulatedInboundRequest,
      status: 201,
      response: InboundMessage,
      errors: [403],
    },
    (ctx, { body }) => sendSimulatedInbound(ctx, body),
  ),
];
