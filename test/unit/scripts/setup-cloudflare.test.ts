// The plan of `npm run setup:cloudflare` for a fresh account and for one already set up (no network involved).
import { describe, expect, it } from "vitest";
import {
  deployConfigText,
  describeStep,
  findDatabaseId,
  planSetup,
  secretNames,
} from "../../../scripts/setup-cloudflare/plan";

const options = {
  databaseName: "gateway",
  deployConfig: "wrangler.deploy.toml",
  secretsFile: ".wrangler/setup-secrets.json",
};
const DB_ID = "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f";

describe("setup:cloudflare plan", () => {
  it("on a fresh account creates the database, migrates, generates both secrets and deploys with them", () => {
    const steps = planSetup({ databaseId: null, secrets: [] }, options);
    expect(steps.map(describeStep)).toEqual([
      "npx wrangler d1 create gateway",
      "write wrangler.deploy.toml: wrangler.toml with database_id = <id of the new database>",
      "npx wrangler d1 migrations apply DB --remote --config wrangler.deploy.toml",
      "write .wrangler/setup-secrets.json (mode 600, deleted afterwards): ADMIN_TOKEN (new random value), UPSTREAM_ENCRYPTION_KEY (new random value)",
      "npx wrangler deploy --config wrangler.deploy.toml --secrets-file .wrangler/setup-secrets.json",
    ]);
    expect(steps[3]).toMatchObject({
      kind: "write-secrets",
      generate: ["ADMIN_TOKEN", "UPSTREAM_ENCRYPTION_KEY"],
    });
  });

  it("on an account already set up creates nothing, sets no secret and still migrates and deploys", () => {
    const steps = planSetup(
      { databaseId: DB_ID, secrets: ["ADMIN_TOKEN", "UPSTREAM_ENCRYPTION_KEY"] },
      options,
    );
    expect(steps.map(describeStep)).toEqual([
      `write wrangler.deploy.toml: wrangler.toml with database_id = ${DB_ID}`,
      "npx wrangler d1 migrations apply DB --remote --config wrangler.deploy.toml",
      "npx wrangler deploy --config wrangler.deploy.toml",
    ]);
  });

  it("generates only the secrets that are missing and passes a public URL as given", () => {
    const steps = planSetup(
      { databaseId: DB_ID, secrets: ["ADMIN_TOKEN", "PUBLIC_URL"] },
      { ...options, publicUrl: "https://gw.example.workers.dev" },
    );
    const secrets = steps.find((s) => s.kind === "write-secrets");
    expect(secrets).toMatchObject({
      generate: ["UPSTREAM_ENCRYPTION_KEY"],
      given: { PUBLIC_URL: "https://gw.example.workers.dev" },
    });
    expect(steps.at(-1)).toMatchObject({ args: expect.arrayContaining(["--secrets-file"]) });
    expect(steps.some((s) => s.kind === "wrangler" && s.args[1] === "create")).toBe(false);
  });

  it("writes the real database id into a copy of wrangler.toml and nothing else", () => {
    const toml =
      'name = "x"\n[[d1_databases]]\nbinding = "DB"\ndatabase_id = "00000000-0000-0000-0000-000000000000"\n';
    const out = deployConfigText(toml, DB_ID);
    expect(out).toContain(`database_id = "${DB_ID}"`);
    expect(out.split("\n").slice(1).join("\n")).toBe(
      toml.replace("00000000-0000-0000-0000-000000000000", DB_ID),
    );
    expect(() => deployConfigText('name = "x"\n', DB_ID)).toThrow(/database_id/);
  });

  it("reads wrangler's JSON lists, past anything printed before them", () => {
    const d1 = `notice\n${JSON.stringify([
      { uuid: "other", name: "other" },
      { uuid: DB_ID, name: "gateway" },
    ])}`;
    expect(findDatabaseId(d1, "gateway")).toBe(DB_ID);
    expect(findDatabaseId("[]", "gateway")).toBeNull();
    expect(secretNames(JSON.stringify([{ name: "ADMIN_TOKEN", type: "secret_text" }]))).toEqual([
      "ADMIN_TOKEN",
    ]);
  });
});
