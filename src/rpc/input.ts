// Procedure inputs that mirror REST: path and query parameters beside the JSON body's fields, in one flat object.
import { z } from "zod";

type Params = Record<string, z.ZodType>;

/**
 * `{ batch_id, ...body }` for a route `/batches/:batch_id` taking `body`. The keys of `params` are taken
 * out and validated on their own; everything else is the REST body, validated by the same schema REST uses.
 */
export function withParams<P extends Params, B extends z.ZodType>(params: P, body: B) {
  const paramSchema = z.object(params);
  const keys = new Set(Object.keys(params));
  return z
    .custom<z.input<typeof paramSchema> & z.input<B>>(
      (v) => typeof v === "object" && v !== null && !Array.isArray(v),
      {
        message: "expected an object",
      },
    )
    .transform((value, ctx) => {
      const p: Record<string, unknown> = {};
      const b: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as object)) (keys.has(k) ? p : b)[k] = v;
      const parsedParams = paramSchema.safeParse(p);
      const parsedBody = body.safeParse(b);
      if (!parsedParams.success || !parsedBody.success) {
        const issues = [...(parsedParams.error?.issues ?? []), ...(parsedBody.error?.issues ?? [])];
        for (const issue of issues)
          ctx.issues.push({ ...issue, input: undefined } as (typeof ctx.issues)[number]);
        return z.NEVER;
      }
      return { params: parsedParams.data, body: parsedBody.data as z.output<B> };
    });
}

/** A query-only input: all fields optional, so calling with nothing means the defaults. */
export const optionalInput = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => v ?? {}, schema) as unknown as z.ZodType<z.output<S>, z.input<S> | undefined>;
