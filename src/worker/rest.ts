// REST operations: one table entry per route (method, path, schemas, operationId), the source of both the
// itty routes and the OpenAPI document; each builder wraps a service call with auth, input parsing and rendering.
import type { IRequest } from "itty-router";
import type { z } from "zod";
import type { AdminContext, PlanContext } from "../domain/context";
import { parseOrThrow } from "../domain/zod-errors";
import { adminContext, assertAdmin, planContext } from "./auth";
import { empty, json, parseBody, parseQuery, pathParam } from "./http";

export type Handler = (request: IRequest, env: Env, ctx: ExecutionContext) => Promise<Response>;

export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** Who may call: a plan's API token, the admin token, anyone (a signature inside), or anyone. */
export type Auth = "plan" | "admin" | "signature" | "none";

/** What the document says about an operation; the handler is built from the same schemas. */
export interface OperationDoc {
  method: Method;
  /** itty-router pattern, e.g. `/xms/v1/:service_plan_id/batches/:batch_id`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Path parameters other than a plan route's `service_plan_id`. */
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success status and its body (none when absent), built only when the document is. */
  status: number;
  response?: () => z.ZodType;
  /** Error statuses worth naming besides those every operation of its kind has. */
  errors?: number[];
}

export interface Operation extends OperationDoc {
  auth: Auth;
  handler: Handler;
}

/** Base path of the Sinch-compatible API. */
export const XMS = "/xms/v1/:service_plan_id";

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface Input<P, Q, B> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
}

type Spec<P, Q, B> = Omit<OperationDoc, "params" | "query" | "body"> & { params?: P; query?: Q; body?: B };

/** Path parameters, percent-decoded, validated with the same schema the tRPC procedure takes. */
export function parsePath<T extends z.ZodType>(request: IRequest, schema: T): z.output<T> {
  const decoded: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.params ?? {})) decoded[key] = pathParam(value);
  return parseOrThrow(schema, decoded);
}

/** Path, then query, then body: the first invalid part decides the 400. */
async function parseInput<P, Q, B>(request: IRequest, spec: Spec<P, Q, B>): Promise<Input<P, Q, B>> {
  const doc = spec as OperationDoc;
  const params = doc.params ? parsePath(request, doc.params) : undefined;
  const query = doc.query ? parseQuery(request, doc.query) : undefined;
  const body = doc.body ? await parseBody(request, doc.body) : undefined;
  return { params, query, body } as Input<P, Q, B>;
}

const render = (result: unknown, status: number) =>
  result === undefined ? empty(status) : json(result, status);

/** The schema of each input part, absent when the operation takes none. */
type PathSchema = z.ZodObject | undefined;
type PartSchema = z.ZodType | undefined;

/** Authenticates with `scope` (which also gives the service its context), parses, runs, renders JSON. */
function authenticated<C, P, Q, B>(
  auth: Auth,
  spec: Spec<P, Q, B>,
  scope: (request: IRequest, env: Env, execution: ExecutionContext) => Promise<C>,
  run: (scope: C, input: Input<P, Q, B>) => Promise<unknown>,
): Operation {
  return {
    ...(spec as OperationDoc),
    auth,
    handler: async (request, env, execution) => {
      const context = await scope(request, env, execution);
      return render(await run(context, await parseInput(request, spec)), spec.status);
    },
  };
}

/** An operation of one service plan: the plan's API token, then the service with the plan's context. */
export const planOperation = <
  P extends PathSchema = undefined,
  Q extends PartSchema = undefined,
  B extends PartSchema = undefined,
>(
  spec: Spec<P, Q, B>,
  run: (ctx: PlanContext, input: Input<P, Q, B>) => Promise<unknown>,
): Operation =>
  authenticated(
    "plan",
    spec,
    (request, env, execution) =>
      planContext(
        env,
        pathParam(request.params.service_plan_id),
        request.headers.get("authorization"),
        (work) => execution.waitUntil(work),
      ),
    run,
  );

/** An operation of the admin API (ADMIN_TOKEN). */
export const adminOperation = <
  P extends PathSchema = undefined,
  Q extends PartSchema = undefined,
  B extends PartSchema = undefined,
>(
  spec: Spec<P, Q, B>,
  run: (admin: AdminContext, input: Input<P, Q, B>) => Promise<unknown>,
): Operation =>
  authenticated(
    "admin",
    spec,
    async (request, env) => {
      await assertAdmin(env, request.headers.get("authorization"));
      return adminContext(env);
    },
    run,
  );

/** An operation without a bearer token: public (`/health`) or checking its own signature (webhooks). */
export const openOperation = (
  spec: OperationDoc & { auth: "none" | "signature" },
  handler: Handler,
): Operation => ({ ...spec, handler });
