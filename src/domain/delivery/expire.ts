// expire_at: every recipient of the batch not yet final ends Expired (406) and the batch leaves the line.
import { openRecipients } from "../../db/status-events";
import { CODES } from "./codes";
import type { DeliveryDeps } from "./deps";
import { recordEvents } from "./record";

/** One expired batch per call; returns false when none is past its expire_at. */
export async function expireDue(deps: DeliveryDeps): Promise<boolean> {
  const now = deps.now();
  const job = deps.store.expiredJob(now);
  if (!job) return false;
  const open = await openRecipients(deps.db, job.batch_id);
  await recordEvents(
    deps,
    open.map((recipient) => ({ batchId: job.batch_id, recipient, ...CODES.expired, at: now })),
    [job.batch_id],
  );
  deps.store.deleteJob(job.batch_id);
  deps.memory.active.delete(job.batch_id);
  return true;
}
