// A scripted handset reply the simulator promises for later, held by the plan's queue until due.

/** A simulated handset's scripted answer, due at `dueAt`: it arrives as an inbound message of the plan. */
export interface LaterReply {
  /** Names the message answered: a reply is received once however often it is scheduled. */
  key: string;
  from: string;
  to: string;
  body: string;
  dueAt: number;
}
