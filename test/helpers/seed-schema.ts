// Validates a response body against the seed OpenAPI's response schema of an operation (the subset the seed uses).
import { env } from "cloudflare:workers";

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
  format?: string;
  additionalProperties?: Schema | boolean;
};

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace("#/components/schemas/", "");
  const target = env.TEST_SEED_OPENAPI.components.schemas[name];
  if (!target) throw new Error(`unknown $ref ${schema.$ref}`);
  return resolve(target as Schema);
}

/** Returns the list of violations (empty when valid). */
export function validate(schemaIn: Schema, value: unknown, path = "$"): string[] {
  const schema = resolve(schemaIn);
  const errors: string[] = [];
  const type = schema.type;
  if (type === "object") {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return [`${path}: expected object`];
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) errors.push(`${path}.${key}: required`);
    for (const [key, sub] of Object.entries(schema.properties ?? {}))
      if (obj[key] !== undefined) errors.push(...validate(sub, obj[key], `${path}.${key}`));
    if (typeof schema.additionalProperties === "object")
      for (const [key, v] of Object.entries(obj))
        if (!(key in (schema.properties ?? {})))
          errors.push(...validate(schema.additionalProperties, v, `${path}.${key}`));
  } else if (type === "array") {
    if (!Array.isArray(value)) return [`${path}: expected array`];
    value.forEach((item, i) => {
      if (schema.items) errors.push(...validate(schema.items, item, `${path}[${i}]`));
    });
  } else if (type === "string") {
    if (typeof value !== "string") return [`${path}: expected string`];
    if (schema.format === "date-time" && Number.isNaN(Date.parse(value)))
      errors.push(`${path}: expected date-time`);
  } else if (type === "integer") {
    if (!Number.isInteger(value)) errors.push(`${path}: expected integer`);
  } else if (type === "boolean") {
    if (typeof value !== "boolean") errors.push(`${path}: expected boolean`);
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: not in enum`);
  return errors;
}

/** The seed's JSON response schema for `operationId` at `status`. */
export function seedResponseSchema(operationId: string, status: number): Schema | undefined {
  for (const methods of Object.values(env.TEST_SEED_OPENAPI.paths))
    for (const op of Object.values(methods))
      if (op.operationId === operationId) {
        const response = op.responses[String(status)];
        if (!response) throw new Error(`${operationId} has no ${status} response in the seed`);
        return response.content?.["application/json"].schema as Schema | undefined;
      }
  throw new Error(`no seed operation ${operationId}`);
}

export function seedViolations(operationId: string, status: number, body: unknown): string[] {
  const schema = seedResponseSchema(operationId, status);
  return schema ? validate(schema, body) : [];
}
