// Reads what the local callback receiver (test/helpers/receiver.global.mjs) recorded for one inbox.
import { env } from "cloudflare:workers";

export interface ReceivedCall {
  body: string;
  status: number;
  headers: Record<string, string>;
}

export const inboxCalls = async (name: string): Promise<ReceivedCall[]> =>
  (await fetch(`${env.TEST_RECEIVER_URL}/__calls/${name}`)).json();

/** A fresh inbox URL on the receiver. */
export const inboxUrl = (name: string, query = ""): string => `${env.TEST_RECEIVER_URL}/${name}${query}`;
