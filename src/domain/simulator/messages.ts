// The simulator's handset view: what each phone "received", newest first, for developers and tests.
import { listSimulatorMessages } from "../../db/simulator";
import type { PlanContext } from "../context";
import { pageEnvelope } from "../schemas/common";
import type { ListSimulatorMessagesQuery, SimulatorMessage } from "../schemas/simulator";
import { toIso } from "../time";

export async function simulatorMessages(ctx: PlanContext, q: ListSimulatorMessagesQuery) {
  const { total, rows } = await listSimulatorMessages(ctx.db, ctx.plan.id, q.to, q.page, q.page_size);
  const messages = rows.map((r): SimulatorMessage => {
    const m: SimulatorMessage = {
      batch_id: r.batchId,
      to: r.recipient,
      from: r.from,
      body: r.body,
      encoding: r.encoding,
      number_of_parts: r.parts,
      flash_message: r.flash,
      status: r.status,
      code: r.code,
      received_at: toIso(r.receivedAt),
    };
    if (r.udh !== null) m.udh = r.udh;
    return m;
  });
  return pageEnvelope("messages", total, q.page, messages);
}
