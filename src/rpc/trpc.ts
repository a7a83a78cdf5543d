// initTRPC once: Sinch {code,text} in every error's data, and the plan and admin procedure builders.
import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ApiError, type ErrorBody, type ErrorStatus, internalError } from "../domain/errors";
import { apiErrorFromZod } from "../domain/zod-errors";
import { adminContext, assertAdmin, planContext } from "../worker/auth";
import type { RpcContext } from "./context";

const TRPC_CODE: Record<ErrorStatus, TRPC_ERROR_CODE_KEY> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_SUPPORTED",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  // tRPC has no 414 or 431: these are refused before tRPC runs (src/rpc/handler.ts), never thrown inside it.
  414: "BAD_REQUEST",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "TOO_MANY_REQUESTS",
  431: "BAD_REQUEST",
  500: "INTERNAL_SERVER_ERROR",
  503: "SERVICE_UNAVAILABLE",
};

const isZodError = (e: unknown): e is Parameters<typeof apiErrorFromZod>[0] =>
  typeof e === "object" && e !== null && "issues" in e && Array.isArray((e as { issues: unknown }).issues);

/** The Sinch error behind any tRPC error: an ApiError, a zod input error, or a plain tRPC error. */
export function sinchErrorOf(error: TRPCError): ApiError {
  if (error.cause instanceof ApiError) return error.cause;
  if (isZodError(error.cause)) return apiErrorFromZod(error.cause);
  if (error.code === "PAYLOAD_TOO_LARGE") return new ApiError("request_too_large", error.message);
  if (error.cause instanceof SyntaxError)
    return new ApiError("syntax_invalid_json", `Malformed JSON: ${error.cause.message}`);
  if (error.code === "PARSE_ERROR")
    return new ApiError("syntax_invalid_json", `Malformed JSON: ${error.message}`);
  if (error.code === "NOT_FOUND") return new ApiError("not_found", error.message);
  if (error.code === "METHOD_NOT_SUPPORTED") return new ApiError("method_not_allowed", error.message);
  if (error.code === "BAD_REQUEST") return new ApiError("syntax_invalid_parameter_format", error.message);
  if (error.code === "UNSUPPORTED_MEDIA_TYPE") return new ApiError("unsupported_media_type", error.message);
  return internalError();
}

const t = initTRPC.context<RpcContext>().create({
  isDev: false,
  errorFormatter({ shape, error }) {
    const sinch: ErrorBody = sinchErrorOf(error).toBody();
    return { ...shape, message: sinch.text, data: { ...shape.data, sinch } };
  },
});

/** Services throw ApiError; tRPC needs a TRPCError with the matching code to answer the right status. */
const sinchErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof ApiError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.status], message: cause.text, cause });
  }
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR")
    console.error("unhandled error in procedure", result.error.cause ?? result.error);
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(sinchErrors);

export const planProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.servicePlanId) throw new ApiError("unauthorized", "The x-service-plan-id header is required");
  const scope = await planContext(ctx.env, ctx.servicePlanId, ctx.authorization, ctx.defer);
  return next({ ctx: { ...ctx, scope } });
});

export const adminProcedure = publicProcedure.use(async ({ ctx, next }) => {
  await assertAdmin(ctx.env, ctx.authorization);
  return next({ ctx: { ...ctx, admin: adminContext(ctx.env) } });
});
