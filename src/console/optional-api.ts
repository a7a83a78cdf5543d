// Procedures of the operations work (statistics, callback log) that this build's router type may not have yet:
// called through the same typed client's proxy, with the shapes of issue 10 written out here.
import { api } from "./session";

export interface StatCounts {
  accepted: number;
  dispatched: number;
  delivered: number;
  failed: number;
  rejected: number;
  expired: number;
  aborted: number;
  cancelled: number;
  inbound_received: number;
}
export interface Stats {
  granularity: "minute" | "hour" | "day";
  buckets: (StatCounts & { start: string })[];
  totals: StatCounts;
}
export interface CallbackAttempt {
  attempt: number;
  at: string;
  url: string;
  status?: number;
  error?: string;
  latency_ms: number;
  response?: string;
}
export interface CallbackEntry {
  id: string;
  kind: "delivery_report" | "inbound";
  batch_id?: string;
  inbound_id?: string;
  recipient?: string;
  url: string;
  state: "pending" | "delivered" | "gave_up";
  attempt_count: number;
  created_at: string;
  last_attempt_at?: string;
  last_status?: number;
  last_error?: string;
}
export interface CallbackPage {
  count: number;
  page: number;
  callbacks: CallbackEntry[];
}

type Query<I, O> = { query(input: I): Promise<O> };
type Mutation<I, O> = { mutate(input: I): Promise<O> };
interface OperationsProcedures {
  stats: { get: Query<{ granularity: "minute" | "hour"; start_date?: string }, Stats> };
  callbacks: {
    list: Query<{ page: number; page_size: number; state?: CallbackEntry["state"] }, CallbackPage>;
    get: Query<{ callback_id: string }, CallbackEntry & { attempts: CallbackAttempt[] }>;
    redeliver: Mutation<{ callback_id: string }, unknown>;
  };
}

/** The plan's client seen with the operations procedures (the lead swaps this for the real types at merge). */
export const operationsApi = () => api() as unknown as OperationsProcedures;
