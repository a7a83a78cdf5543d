// The router's type as a client sees it: the same procedures, without the server context (Env, D1, ...).
import type { TRPCBuiltRouter } from "@trpc/server";
import type { appRouter } from "./router";

type Def = (typeof appRouter)["_def"];

// Declaration emit prints a type alias as written, so `typeof appRouter` would drag the server context (and
// with it every Workers type) into the client's .d.ts. The inferred type of a value is printed expanded
// instead: this value-shaped declaration makes tsc write out each procedure with ctx replaced by `object`.
// Types only: the client imports it with `import type`, so nothing here is ever evaluated.
declare function withoutContext<D extends Def>(
  def: D,
): TRPCBuiltRouter<
  { ctx: object; meta: object; errorShape: D["_config"]["$types"]["errorShape"]; transformer: false },
  { [K in keyof D["record"]]: { [P in keyof D["record"][K]]: D["record"][K][P] } }
>;
declare const def: Def;
export const publicRouter = withoutContext(def);
