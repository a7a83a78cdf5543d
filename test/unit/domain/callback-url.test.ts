import { describe, expect, it } from "vitest";
import {
  type CallbackPolicy,
  callbackPolicyFor,
  callbackUrlProblem,
  isNonPublicHost,
} from "../../../src/domain/callback-url";
import { CallbackUrl } from "../../../src/domain/schemas/common";

const STRICT: CallbackPolicy = { allowPrivate: false, ownHosts: [] };
const problem = (url: string, policy = STRICT) => callbackUrlProblem(new URL(url), policy);

describe("callback URL policy", () => {
  it.each([
    "http://127.0.0.1:8080/cb",
    "http://127.1:8080/cb",
    "http://0x7f000001/cb",
    "http://2130706433/cb",
    "http://0177.0.0.1/cb",
    "http://[::ffff:127.0.0.1]/cb",
    "http://[::1]/cb",
    "http://[::]/cb",
    "http://[0:0:0:0:0:0:0:1]/cb",
    "http://localhost:3000/cb",
    "http://LOCALHOST./cb",
    "http://api.localhost/cb",
    "http://0.0.0.0/cb",
    "http://0/cb",
    "http://10.1.2.3/cb",
    "http://172.16.0.1/cb",
    "http://172.31.255.255/cb",
    "http://192.168.1.1/cb",
    "http://100.64.0.1/cb",
    "http://100.127.255.255/cb",
    "http://169.254.169.254/latest/meta-data",
    "http://[fc00::1]/cb",
    "http://[fd12:3456::1]/cb",
    "http://[fe80::1]/cb",
    "http://[::ffff:10.0.0.1]/cb",
    "http://[::ffff:169.254.169.254]/cb",
    "http://[64:ff9b::7f00:1]/cb",
  ])("refuses %s unless private addresses are allowed", (url) => {
    expect(problem(url)).toBe("must not point at a loopback, private, link-local or unspecified address");
    expect(problem(url, { allowPrivate: true, ownHosts: [] })).toBeUndefined();
  });

  it.each([
    "https://example.com/cb",
    "http://8.8.8.8/cb",
    "http://172.32.0.1/cb",
    "http://100.128.0.1/cb",
    "http://[2001:db8::1]/cb",
    "http://[::ffff:8.8.8.8]/cb",
    "http://localhost.example.com/cb",
  ])("allows the public %s", (url) => expect(problem(url)).toBeUndefined());

  it("refuses user info and non-http schemes", () => {
    expect(problem("https://user:pw@example.com/")).toBe("must not contain user info");
    expect(problem("https://user@example.com/")).toBe("must not contain user info");
    expect(problem("ftp://example.com/")).toBe("must be an http or https URL");
  });

  it("refuses the gateway's own host (the request's and PUBLIC_URL's), even where private ones are allowed", () => {
    const policy = callbackPolicyFor(
      { CALLBACK_ALLOW_PRIVATE: "true", PUBLIC_URL: "https://sms.example.com" },
      "http://127.0.0.1:8787/xms/v1/p/batches",
    );
    expect(policy).toEqual({ allowPrivate: true, ownHosts: ["127.0.0.1:8787", "sms.example.com"] });
    expect(problem("http://127.0.0.1:8787/webhooks/sinch/p", policy)).toBe("must not point at this gateway");
    expect(problem("https://SMS.example.com./webhooks/sinch/p", policy)).toBe(
      "must not point at this gateway",
    );
    expect(problem("http://127.0.0.1:9999/receiver", policy)).toBeUndefined();
  });

  it("treats an absent or other CALLBACK_ALLOW_PRIVATE as false", () => {
    expect(callbackPolicyFor({}).allowPrivate).toBe(false);
    expect(callbackPolicyFor({ CALLBACK_ALLOW_PRIVATE: "1" }).allowPrivate).toBe(false);
  });

  it("does not mistake names for addresses", () => {
    expect(isNonPublicHost("10.example.com")).toBe(false);
    expect(isNonPublicHost("example.com")).toBe(false);
  });
});

describe("CallbackUrl schema (outside a request: the strict policy)", () => {
  it("stores the parser's normal form", () => {
    expect(CallbackUrl.parse("HTTPS://Example.COM:443/a/../b?x=1")).toBe("https://example.com/b?x=1");
    expect(CallbackUrl.parse("https://example.com")).toBe("https://example.com/");
  });

  it.each([
    "http:/example.com/x",
    "http:\\\\example.com\\x",
    "https:example.com",
    "//example.com/x",
    "not a url",
  ])("refuses the sloppy spelling %j as a format error", (url) => {
    const result = CallbackUrl.safeParse(url);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("must be an absolute http(s) URL");
  });

  it("refuses more than 2048 characters, also after normalisation", () => {
    expect(CallbackUrl.safeParse(`https://example.com/${"a".repeat(2029)}`).success).toBe(false);
    expect(CallbackUrl.safeParse(`https://example.com/${"é".repeat(400)}`).success).toBe(false);
    expect(CallbackUrl.safeParse(`https://example.com/${"a".repeat(2028)}`).success).toBe(true);
  });
});
