// Each request runs under its own callback URL policy, which the domain's callback_url schema reads.
import { AsyncLocalStorage } from "node:async_hooks";
import { type CallbackPolicy, callbackPolicyFor, setCallbackPolicySource } from "../domain/callback-url";

// AsyncLocalStorage (nodejs_compat) keeps concurrent requests of one isolate apart. It holds a lazy policy:
// most requests carry no callback_url, so they never parse their own URL or PUBLIC_URL for it.
const scope = new AsyncLocalStorage<() => CallbackPolicy>();
setCallbackPolicySource(() => scope.getStore()?.());

/** Runs `handle` with the policy of `request`: its own host and PUBLIC_URL are the gateway's. */
export function withCallbackPolicy<T>(request: Request, env: Env, handle: () => T): T {
  let policy: CallbackPolicy | undefined;
  return scope.run(() => {
    policy ??= callbackPolicyFor(env, request.url);
    return policy;
  }, handle);
}
