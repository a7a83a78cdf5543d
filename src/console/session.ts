// The signed-in service plan (id + token) kept in session storage, and the typed clients built from it.
import { computed, signal } from "@preact/signals";
import { createGatewayClient, type GatewayClient, isGatewayError } from "../rpc/client";

export interface Session {
  planId: string;
  token: string;
}

const KEY = "gateway-console.session";

function load(): Session | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as Partial<Session> | null;
    return value?.planId && value.token ? { planId: value.planId, token: value.token } : null;
  } catch {
    return null;
  }
}

export const session = signal<Session | null>(load());
/** Why the last session ended (a refused token), shown on the sign-in view. */
export const signOutReason = signal<string | null>(null);

export function signIn(next: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(next));
  signOutReason.value = null;
  session.value = next;
}

export function signOut(reason: string | null = null): void {
  sessionStorage.removeItem(KEY);
  signOutReason.value = reason;
  session.value = null;
}

const origin = () => window.location.origin;

/** The plan's client: the same typed client package users import, with the plan's Bearer token. */
export const client = computed<GatewayClient | null>(() => {
  const s = session.value;
  return s ? createGatewayClient({ url: origin(), servicePlanId: s.planId, token: s.token }) : null;
});

/** The plan's client; views call it only while signed in (the app shows the sign-in view otherwise). */
export function api(): GatewayClient {
  const c = client.value;
  if (!c) throw new Error("Not signed in");
  return c;
}

/** A client with the admin token, for listing/creating plans and changing a plan's settings. */
export const adminClient = (token: string): GatewayClient => createGatewayClient({ url: origin(), token });

/**
 * A message a person can act on, for any error a call may throw. A refused plan token signs out; a refused
 * admin token (`admin`) only says so.
 */
export function describeError(error: unknown, { admin = false } = {}): string {
  if (isGatewayError(error)) {
    if (error.httpStatus === 401 && admin) return "The gateway refused the admin token.";
    if (error.httpStatus === 401 && session.value) {
      signOut("The gateway refused the API token. Sign in again.");
    }
    return `${error.text} (${error.code})`;
  }
  if (error instanceof TypeError) return "The gateway did not answer. Is `npm start` still running?";
  return error instanceof Error ? error.message : String(error);
}
