// Test helpers over the served OpenAPI document: fetch it once, resolve refs, validate bodies against its schemas.
import { Validator } from "@cfworker/json-schema";
import { call } from "../../helpers/gateway";

export type Schema = Record<string, any>;

export interface DocOperation {
  method: string;
  path: string;
  op: Schema;
}

let served: Schema | undefined;

/** GET /openapi.json through the worker. */
export async function servedDocument(): Promise<Schema> {
  if (!served) {
    const res = await call("GET", "/openapi.json");
    if (res.status !== 200) throw new Error(`GET /openapi.json answered ${res.status}`);
    served = res.body as Schema;
  }
  return served;
}

export function operationsOf(doc: Schema): DocOperation[] {
  return Object.entries(doc.paths as Record<string, Record<string, Schema>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

/** Follows `$ref`s into the document (`#/components/...`). */
export function resolve(doc: Schema, schema: Schema): Schema {
  if (typeof schema?.$ref !== "string") return schema;
  const target = (schema.$ref as string)
    .replace(/^#\//, "")
    .split("/")
    .reduce((node: Schema, key) => node?.[key], doc);
  if (!target) throw new Error(`unresolved ${schema.$ref}`);
  return resolve(doc, target);
}

/** Validates `value` against a schema of the document, refs resolved through its components. */
export function violations(doc: Schema, schema: Schema, value: unknown): string[] {
  const defs = JSON.parse(
    JSON.stringify(doc.components.schemas).replaceAll("#/components/schemas/", "#/$defs/"),
  );
  const own = JSON.parse(JSON.stringify(schema).replaceAll("#/components/schemas/", "#/$defs/"));
  const result = new Validator({ ...own, $defs: defs }, "2020-12", false).validate(value);
  return result.valid ? [] : result.errors.map((e) => `${e.instanceLocation}: ${e.error}`);
}

/** The JSON schema of an operation's response at `status` (undefined when that response has no body). */
export function responseSchema(doc: Schema, op: Schema, status: number): Schema | undefined {
  const response = op.responses[String(status)];
  if (!response) return undefined;
  return resolve(doc, response).content?.["application/json"]?.schema;
}
