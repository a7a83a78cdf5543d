// The one Node API the Worker uses (nodejs_compat), typed here rather than pulling in all of @types/node.
declare module "node:async_hooks" {
  export class AsyncLocalStorage<T> {
    run<R>(store: T, callback: () => R): R;
    getStore(): T | undefined;
  }
}
