// The generated document is valid OpenAPI 3.1, checked in Node by a validator of the spec's own JSON Schema
// (it compiles schemas with ajv, which workerd's no-eval rule forbids; served.test.ts proves the served bytes equal this).
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../../src/worker/openapi/document";
import { operations } from "../../../src/worker/operations";

describe("OpenAPI document", () => {
  it("validates as OpenAPI 3.1", async () => {
    const validator = new Validator();
    const document = JSON.parse(JSON.stringify(buildOpenApiDocument(operations)));
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("resolves every $ref", async () => {
    const validator = new Validator();
    await validator.validate(JSON.parse(JSON.stringify(buildOpenApiDocument(operations))));
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it("is checked for real: a document missing its info is refused", async () => {
    const { info: _, ...broken } = JSON.parse(JSON.stringify(buildOpenApiDocument(operations)));
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });
});
