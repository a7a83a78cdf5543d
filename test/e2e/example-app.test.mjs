// examples/app-under-test as a user would run it: copied to a temp folder with the packed package, miniflare and
// vitest installed, its test run under vitest and under node:test.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installConsumer, pinned, repoRoot } from "./helpers/consumer.mjs";

let app;

beforeAll(async () => {
  app = await installConsumer(path.join(repoRoot, "examples", "app-under-test"), [
    pinned("miniflare"),
    pinned("vitest"),
  ]);
});

afterAll(() => app?.remove());

describe("examples/app-under-test from the packed tarball", () => {
  it("passes under vitest", async () => {
    const vitest = path.join(app.dir, "node_modules", "vitest", "vitest.mjs");
    const output = await app.run(process.execPath, [vitest, "run", "--reporter", "verbose"], {
      NO_COLOR: "1",
    });
    expect(output).toMatch(/Tests\s+2 passed \(2\)/);
  });

  it("passes under node:test", async () => {
    const output = await app.run(process.execPath, ["--test", "test/one-time-code.node-test.ts"]);
    expect(output).toMatch(/^# pass 2$/m);
    expect(output).toMatch(/^# fail 0$/m);
  });
});
