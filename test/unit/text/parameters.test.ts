// ${key} parameters: recipient value, then default, else the recipient fails; unknown keys stay literal.
import { describe, expect, it } from "vitest";
import {
  compileTemplate,
  MAX_PARAMETER_VALUE_LENGTH,
  PARAMETER_KEY_PATTERN,
  type Parameters,
  renderTemplate,
} from "../../../src/domain/text/parameters";

const JOE = "46700000001";
const ANN = "46700000002";
const EVE = "46700000003";
const params: Parameters = {
  name: { [JOE]: "Joe", [ANN]: "Ann", default: "friend" },
  code: { [JOE]: "1234" },
};

/** Compile and render in one go, as a batch of one recipient would. */
const renderParameters = (body: string, parameters: Parameters | undefined, recipient: string) =>
  renderTemplate(compileTemplate(body), parameters, recipient);

describe("renderTemplate", () => {
  it("returns the body as is without parameters", () => {
    expect(renderParameters("Hi ${name}", undefined, JOE)).toEqual({ ok: true, text: "Hi ${name}" });
  });

  it("uses the recipient's own value first", () => {
    expect(renderParameters("Hi ${name}!", params, JOE)).toEqual({ ok: true, text: "Hi Joe!" });
    expect(renderParameters("Hi ${name}!", params, ANN)).toEqual({ ok: true, text: "Hi Ann!" });
  });

  it("falls back to default", () => {
    expect(renderParameters("Hi ${name}!", params, EVE)).toEqual({ ok: true, text: "Hi friend!" });
  });

  it("fails the recipient when a used key has neither a value nor a default", () => {
    expect(renderParameters("Code ${code}", params, JOE)).toEqual({ ok: true, text: "Code 1234" });
    expect(renderParameters("Code ${code}", params, EVE)).toEqual({ ok: false, missingKey: "code" });
  });

  it("reports the first missing key in body order", () => {
    const p: Parameters = { b: {}, a: {} };
    expect(renderParameters("${b} ${a}", p, JOE)).toEqual({ ok: false, missingKey: "b" });
  });

  it("leaves a placeholder whose key is not in parameters literal", () => {
    expect(renderParameters("Hi ${name}, ${unknown}", params, JOE)).toEqual({
      ok: true,
      text: "Hi Joe, ${unknown}",
    });
  });

  it("replaces a repeated key every time", () => {
    expect(renderParameters("${name}/${name}/${name}", params, ANN)).toEqual({
      ok: true,
      text: "Ann/Ann/Ann",
    });
  });

  it("accepts an empty value", () => {
    expect(renderParameters("[${x}]", { x: { default: "" } }, JOE)).toEqual({ ok: true, text: "[]" });
  });

  it("does not expand placeholders inside values", () => {
    const p: Parameters = { a: { default: "${b}" }, b: { default: "B" } };
    expect(renderParameters("${a} ${b}", p, JOE)).toEqual({ ok: true, text: "${b} B" });
  });

  it("is case sensitive", () => {
    expect(renderParameters("${Name} ${name}", params, JOE)).toEqual({ ok: true, text: "${Name} Joe" });
  });

  it("accepts every key character and up to 16 of them", () => {
    const key = "aZ09._-aZ09._-ab";
    expect(key).toHaveLength(16);
    expect(renderParameters(`<\${${key}}>`, { [key]: { default: "v" } }, JOE)).toEqual({
      ok: true,
      text: "<v>",
    });
    const long = `${key}c`;
    expect(renderParameters(`<\${${long}}>`, { [long]: { default: "v" } }, JOE)).toEqual({
      ok: true,
      text: `<\${${long}}>`,
    });
  });

  it.each([
    ["empty key", "${}"],
    ["space in key", "${na me}"],
    ["invalid char", "${na+me}"],
    ["unterminated", "${name"],
    ["no braces", "$name"],
    ["single brace", "{name}"],
  ])("keeps a malformed placeholder literal: %s", (_why, body) => {
    const p: Parameters = {
      "": { default: "X" },
      "na me": { default: "X" },
      "na+me": { default: "X" },
      ...params,
    };
    expect(renderParameters(body, p, JOE)).toEqual({ ok: true, text: body });
  });

  it("finds a placeholder right after a broken one", () => {
    expect(renderParameters("${${name}", params, JOE)).toEqual({ ok: true, text: "${Joe" });
    expect(renderParameters("$${name}}", params, JOE)).toEqual({ ok: true, text: "$Joe}" });
  });

  it("ignores inherited object properties as keys and recipients", () => {
    expect(renderParameters("${constructor} ${toString} ${__proto__}", {}, JOE)).toEqual({
      ok: true,
      text: "${constructor} ${toString} ${__proto__}",
    });
    expect(renderParameters("${name}", { name: {} }, "constructor")).toEqual({
      ok: false,
      missingKey: "name",
    });
  });

  it("renders each body correctly when bodies alternate (compiled-body cache)", () => {
    for (let i = 0; i < 3; i++) {
      expect(renderParameters("A ${name}", params, JOE)).toEqual({ ok: true, text: "A Joe" });
      expect(renderParameters("B ${name}", params, ANN)).toEqual({ ok: true, text: "B Ann" });
      expect(renderParameters("no placeholders", params, ANN)).toEqual({ ok: true, text: "no placeholders" });
    }
  });

  it("renders a 1000-recipient batch with per-recipient values, defaults and failures", () => {
    const values: Record<string, string> = { default: "there" };
    const recipients: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const msisdn = String(46700001000 + i);
      recipients.push(msisdn);
      if (i % 2 === 0) values[msisdn] = `user${i}`;
    }
    const p: Parameters = {
      name: values,
      code: Object.fromEntries(recipients.slice(0, 900).map((r) => [r, "C"])),
    };
    const results = recipients.map((r) => renderParameters("Hi ${name}, code ${code}", p, r));
    expect(results[0]).toEqual({ ok: true, text: "Hi user0, code C" });
    expect(results[1]).toEqual({ ok: true, text: "Hi there, code C" });
    expect(results.filter((r) => !r.ok)).toHaveLength(100);
  });
});

describe("compileTemplate", () => {
  it("splits a body into literals around its placeholders", () => {
    expect(compileTemplate("Hi ${name}, ${x y} ${code}!")).toEqual({
      literals: ["Hi ", ", ${x y} ", "!"],
      keys: ["name", "code"],
    });
    expect(compileTemplate("")).toEqual({ literals: [""], keys: [] });
    expect(compileTemplate("${a}${b}")).toEqual({ literals: ["", "", ""], keys: ["a", "b"] });
  });

  it("renders like renderParameters", () => {
    const template = compileTemplate("Hi ${name} ${code}");
    expect(renderTemplate(template, params, JOE)).toEqual({ ok: true, text: "Hi Joe 1234" });
    expect(renderTemplate(template, params, EVE)).toEqual({ ok: false, missingKey: "code" });
    expect(renderTemplate(template, undefined, EVE)).toEqual({ ok: true, text: "Hi ${name} ${code}" });
  });

  it("recognises exactly the keys PARAMETER_KEY_PATTERN accepts", () => {
    for (const key of ["a", "A.b-c_9", "x".repeat(16), "x".repeat(17), "", "a b", "ä", "a+b", "a}"]) {
      const { keys } = compileTemplate(`\${${key}}`);
      const isPlaceholder = keys.length === 1 && keys[0] === key;
      expect(isPlaceholder, key).toBe(PARAMETER_KEY_PATTERN.test(key));
    }
  });

  it("documents the 160-char value limit", () => {
    expect(MAX_PARAMETER_VALUE_LENGTH).toBe(160);
  });
});
