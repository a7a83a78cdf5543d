// The seed's 17 operations keep, in the generated document, their paths, methods, operationIds, parameters,
// required request fields and response codes.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { resolve, type Schema, servedDocument } from "./document";

const seed = env.TEST_SEED_OPENAPI as unknown as Schema;

const seedOperations = Object.entries(seed.paths as Record<string, Record<string, Schema>>).flatMap(
  ([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })),
);

/** Object schemas a body may take: the schema itself, or each variant of a oneOf/anyOf. */
const variants = (doc: Schema, schema: Schema): Schema[] => {
  const s = resolve(doc, schema);
  return (s.oneOf ?? s.anyOf ?? [s]).map((v: Schema) => resolve(doc, v));
};

describe("seed compatibility", () => {
  it("has the seed's 17 operations", () => {
    expect(seedOperations).toHaveLength(17);
  });

  for (const { path, method, op: seedOp } of seedOperations) {
    it(`${method.toUpperCase()} ${path} (${seedOp.operationId})`, async () => {
      const doc = await servedDocument();
      const ours = doc.paths[path]?.[method];
      expect(ours, "path and method").toBeDefined();
      expect(ours.operationId).toBe(seedOp.operationId);

      // Parameters: every seed parameter, in the same place, required alike, with the seed's default and maximum.
      for (const p of (seedOp.parameters ?? []).map((x: Schema) => resolve(seed, x))) {
        const mine = ours.parameters.find((q: Schema) => q.name === p.name && q.in === p.in);
        expect(mine, `parameter ${p.in} ${p.name}`).toBeDefined();
        expect(Boolean(mine.required), `${p.name} required`).toBe(Boolean(p.required));
        for (const k of ["default", "maximum", "enum"] as const)
          if (p.schema?.[k] !== undefined) expect(mine.schema[k], `${p.name}.${k}`).toEqual(p.schema[k]);
      }

      // Request body: required alike; every field the seed requires is required in every variant of ours,
      // the seed's own variant (the text batch) requires exactly those, and every seed field exists.
      if (seedOp.requestBody) {
        expect(ours.requestBody?.required).toBe(seedOp.requestBody.required ?? false);
        const seedBody = resolve(seed, seedOp.requestBody.content["application/json"].schema);
        const ourVariants = variants(doc, ours.requestBody.content["application/json"].schema);
        const required = [...(seedBody.required ?? [])].sort();
        for (const v of ourVariants) expect(required.every((f) => v.required?.includes(f))).toBe(true);
        expect(ourVariants.some((v) => [...(v.required ?? [])].sort().join() === required.join())).toBe(true);
        for (const field of Object.keys(seedBody.properties ?? {}))
          expect(
            ourVariants.some((v) => field in (v.properties ?? {})),
            `request field ${field}`,
          ).toBe(true);
      }

      // Responses: every seed status, and every field of the seed's success body.
      for (const [status, response] of Object.entries(seedOp.responses as Record<string, Schema>)) {
        expect(ours.responses[status], `response ${status}`).toBeDefined();
        const seedSchema = response.content?.["application/json"]?.schema;
        if (!seedSchema) continue;
        const ourSchema = resolve(doc, ours.responses[status]).content["application/json"].schema;
        const seedResolved = resolve(seed, seedSchema);
        const ourResolved = resolve(doc, ourSchema);
        expect(ourResolved.type, `${status} type`).toBe(seedResolved.type);
        for (const field of Object.keys(seedResolved.properties ?? {}))
          expect(
            variants(doc, ourResolved).some((v) => field in (v.properties ?? {})),
            `${status} field ${field}`,
          ).toBe(true);
      }
    });
  }
});
