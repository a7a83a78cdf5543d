// Vitest global setup of the e2e project: `npm pack` once (its prepack builds dist/), so every e2e test installs the
// same tarball a publish would upload.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { root } from "../../../scripts/local-gateway.mjs";

export default function setup(project) {
  const dir = mkdtempSync(path.join(tmpdir(), "gateway-pack-"));
  const started = Date.now();
  const pack = spawnSync("npm", ["pack", "--json", "--pack-destination", dir], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stdout}\n${pack.stderr}`);
  // npm pack --json prints the prepack build's output first, then the JSON array.
  const [info] = JSON.parse(pack.stdout.slice(pack.stdout.lastIndexOf("\n[") + 1));
  const tarball = path.join(dir, info.filename);
  console.log(
    `packed ${info.filename}: ${info.size} bytes, ${info.entryCount} files in ${Date.now() - started} ms`,
  );
  project.provide("packageTarball", tarball);
  project.provide("packageSize", info.size);
  return () => rmSync(dir, { recursive: true, force: true });
}
