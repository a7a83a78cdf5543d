// Simulated handsets: a developer sends an inbound message as if from a phone, through the real inbound pipeline.
import type { PlanContext } from "../context";
import { ApiError } from "../errors";
import { receiveInbound } from "../inbounds/receive";
import type { InboundMessage } from "../schemas/inbounds";
import type { SimulatedInboundRequest } from "../schemas/simulator";
import { isStaging } from "../service-plans/plan-extras";

export async function sendSimulatedInbound(
  ctx: PlanContext,
  req: SimulatedInboundRequest,
): Promise<InboundMessage> {
  if (ctx.plan.upstream !== "simulator" && !isStaging(ctx.plan))
    throw new ApiError("forbidden", "Simulated inbounds are only for plans on the simulator upstream");
  const { inbound } = await receiveInbound(ctx, {
    type: "mo_text",
    from: req.from,
    to: req.to,
    body: req.body,
    sentAt: req.sent_at ?? null,
  });
  return inbound;
}
