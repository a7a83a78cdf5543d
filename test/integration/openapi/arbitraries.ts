// fast-check arbitraries from the document's JSON Schemas: valid values, and one-step mutations that break them.
import fc from "fast-check";
import { resolve, type Schema } from "./document";

/** Fields a valid request leaves out: URLs (tests send nothing off this machine) and those the caller names. */
const skipped = (name: string, schema: Schema, skip: readonly string[]) =>
  skip.includes(name) || schema.format === "uri";

/** A value the schema accepts, preferring its examples (they carry what plain types cannot: valid numbers, dates). */
export function valid(doc: Schema, input: Schema, skip: readonly string[] = []): fc.Arbitrary<unknown> {
  const schema = resolve(doc, input);
  if (Array.isArray(schema.examples) && schema.examples.length > 0)
    return fc.constantFrom(...schema.examples);
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const union = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(union)) return fc.oneof(...union.map((s: Schema) => valid(doc, s, skip)));
  switch (schema.type) {
    case "string":
      return stringOf(schema);
    case "integer":
      return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 1000, 100_000) });
    case "number":
      return fc.double({ min: 0, max: 1000, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(valid(doc, schema.items ?? {}, skip), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case "object":
      return objectOf(doc, schema, skip);
    default:
      return fc.constant("x");
  }
}

function stringOf(schema: Schema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 24, 24));
  if (typeof schema.pattern === "string")
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((s) => s.length >= min && s.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY));
  return fc.string({ minLength: min, maxLength: max, unit: "grapheme-ascii" });
}

function objectOf(doc: Schema, schema: Schema, skip: readonly string[]): fc.Arbitrary<unknown> {
  const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>).filter(
    ([name, s]) => !skipped(name, resolve(doc, s), skip),
  );
  // A free-form map (e.g. message parameters) stays empty: its keys carry rules no schema states.
  if (properties.length === 0) return fc.constant({});
  const required = (schema.required ?? []) as string[];
  return fc.record(Object.fromEntries(properties.map(([name, s]) => [name, valid(doc, s, skip)])), {
    requiredKeys: properties.map(([name]) => name).filter((name) => required.includes(name)),
  });
}

/** A wrong-typed stand-in for a JSON value: no schema of ours accepts both. */
export function wrongType(value: unknown): unknown {
  if (typeof value === "string") return 12345;
  if (typeof value === "number") return "not a number";
  if (typeof value === "boolean") return "yes";
  if (Array.isArray(value)) return "not an array";
  if (value === null) return 5;
  return 5;
}

/** Fields every variant of a body requires: dropping one always makes the body invalid. */
export function alwaysRequired(doc: Schema, body: Schema): string[] {
  const s = resolve(doc, body);
  const variants = ((s.oneOf ?? s.anyOf ?? [s]) as Schema[]).map((v) => resolve(doc, v));
  const [first, ...rest] = variants.map((v) => (v.required ?? []) as string[]);
  return (first ?? []).filter((f) => rest.every((r) => r.includes(f)));
}
