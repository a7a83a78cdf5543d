// SendQueue: one Durable Object per service plan (SQLite storage). An empty shell until the delivery engine.
import { DurableObject } from "cloudflare:workers";

export class SendQueue extends DurableObject<Env> {}
