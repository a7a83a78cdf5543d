// The OpenAPI 3.1 document of the REST operations, generated from their zod schemas with zod's own JSON Schema output.
import { z } from "zod";
import { ErrorBody } from "../../domain/schemas/common";
import type { Auth, OperationDoc } from "../rest";
import { ERROR_RESPONSES, errorStatuses } from "./errors";
import { INFO, SECURITY_SCHEMES, schemaNames, seedRequired, TAGS } from "./metadata";

type JsonSchema = Record<string, unknown>;

/** OpenAPI 3.1 uses JSON Schema 2020-12 as is: zod's default target. */
const options = (io: "input" | "output") =>
  ({
    io,
    target: "draft-2020-12",
    unrepresentable: "any",
    uri: (id: string) => `#/components/schemas/${id}`,
    override: ({ zodSchema, jsonSchema }: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }) => {
      // A meta `type` (e.g. "integer" for a number-or-text query value) replaces the union it stands for.
      if (jsonSchema.type !== undefined && jsonSchema.anyOf !== undefined) delete jsonSchema.anyOf;
      // zod drops examples and defaults of transforming schemas from input schemas; ours are valid inputs too.
      const examples = z.globalRegistry.get(zodSchema)?.examples;
      if (examples !== undefined) jsonSchema.examples = examples;
      const def = zodSchema._zod.def as { type: string; defaultValue?: unknown };
      if (def.type === "default") jsonSchema.default = def.defaultValue;
      // Integers are documented without zod's safe-integer bounds.
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
    },
  }) as const;

/** A component or inline schema without the keywords that belong to a standalone JSON Schema file. */
function bare(schema: JsonSchema): JsonSchema {
  const { $schema: _, $id: __, ...rest } = schema;
  return rest;
}

/** The named schemas of one direction (requests are documented as sent, responses as returned). */
function components(
  names: Map<z.ZodType, string>,
  io: "input" | "output",
  schemas: z.ZodType[],
): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const schema of new Set(schemas)) {
    const id = names.get(schema);
    if (id && !registry.has(schema)) registry.add(schema, { id });
  }
  const { schemas: out } = z.toJSONSchema(registry, options(io));
  return Object.fromEntries(Object.entries(out).map(([id, schema]) => [id, bare(schema as JsonSchema)]));
}

/** A body or response: a $ref when the schema has a name, inline otherwise. */
function schemaOf(names: Map<z.ZodType, string>, schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const id = names.get(schema);
  if (id) return { $ref: `#/components/schemas/${id}` };
  return bare(z.toJSONSchema(schema, options(io)) as JsonSchema);
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const object = z.toJSONSchema(schema, options("input")) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || (object.required ?? []).includes(name),
      ...(description !== undefined && { description }),
      schema: rest,
    };
  });
}

const PLAN_PARAMETER = {
  name: "service_plan_id",
  in: "path",
  required: true,
  description: "The service plan, as in Sinch's `/xms/v1/{service_plan_id}`",
  schema: { type: "string", minLength: 1, maxLength: 64 },
};

const SECURITY: Record<Auth, JsonSchema[]> = {
  plan: [{ planToken: [] }],
  admin: [{ adminToken: [] }],
  signature: [],
  none: [],
};

const json = (schema: JsonSchema) => ({ "application/json": { schema } });

function operationObject(names: Map<z.ZodType, string>, op: OperationDoc & { auth: Auth }): JsonSchema {
  const success = {
    description: op.response ? "OK" : "OK, no body",
    ...(op.response && { content: json(schemaOf(names, op.response(), "output")) }),
  };
  const responses: JsonSchema = { [String(op.status)]: success };
  for (const status of errorStatuses(op))
    responses[String(status)] = { $ref: `#/components/responses/E${status}` };
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description && { description: op.description }),
    tags: [op.tag],
    security: SECURITY[op.auth],
    parameters: [
      ...(op.auth === "plan" ? [PLAN_PARAMETER] : []),
      ...parameters(op.params, "path"),
      ...parameters(op.query, "query"),
    ],
    ...(op.body && { requestBody: { required: true, content: json(schemaOf(names, op.body, "input")) } }),
    responses,
  };
}

/** `/batches/:batch_id` in itty's form to `/batches/{batch_id}` in OpenAPI's. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

export function buildOpenApiDocument(operations: readonly (OperationDoc & { auth: Auth })[]) {
  const names = schemaNames();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) {
    const path = openApiPath(op.path);
    paths[path] ??= {};
    paths[path][op.method.toLowerCase()] = operationObject(names, op);
  }
  const requests = operations.flatMap((op) => (op.body ? [op.body] : []));
  const responses = operations.flatMap((op) => (op.response ? [op.response()] : []));
  const schemas = {
    ...components(names, "input", requests),
    ...components(names, "output", responses),
    Error: bare(z.toJSONSchema(ErrorBody(), options("output")) as JsonSchema),
  };
  seedRequired(schemas);
  return {
    openapi: "3.1.0",
    info: INFO,
    servers: [{ url: "/", description: "This gateway" }],
    tags: TAGS,
    paths,
    components: { schemas, responses: ERROR_RESPONSES, securitySchemes: SECURITY_SCHEMES },
  };
}

let cached: string | undefined;

/** The document as JSON text, built on first request and kept for the isolate's life. */
export function openApiJson(operations: readonly (OperationDoc & { auth: Auth })[]): string {
  cached ??= JSON.stringify(buildOpenApiDocument(operations));
  return cached;
}
