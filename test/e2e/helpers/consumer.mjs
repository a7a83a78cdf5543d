// A consumer project in a temp folder: a fixture copied there with the packed package installed, as an app would.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { inject } from "vitest";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");
/** The repo's TypeScript compiler, run on a project of the consumer: diagnostics are the consumer's, not ours. */
export const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");

const execFileAsync = promisify(execFile);

/** This process's environment without the outer vitest's markers: a vitest run inside must not think it is a worker. */
const outsideVitest = () =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST")));

/** The exact version the repo pins of a devDependency, to install the same one beside the package. */
export function pinned(name) {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));
  return `${name}@${pkg.devDependencies[name]}`;
}

/**
 * Copies `fixture` into a fresh temp folder and `npm install`s the packed tarball there (plus `extra` packages),
 * preferring npm's cache: the repo's own `npm ci` has put every dependency of the package in it.
 * Resolves to `{ dir, run(command, args, env?), remove() }`; `run` resolves to stdout, or rejects with the output
 * unless the command exits 0. Commands run asynchronously: a test's event loop (and its sockets) keep going.
 */
export async function installConsumer(fixture, extra = []) {
  const dir = mkdtempSync(path.join(tmpdir(), "gateway-consumer-"));
  cpSync(fixture, dir, { recursive: true, filter: (src) => !src.includes("node_modules") });
  const run = async (command, args, env = {}) => {
    try {
      const { stdout } = await execFileAsync(command, args, {
        cwd: dir,
        encoding: "utf8",
        maxBuffer: 16 * 1024 * 1024,
        env: { ...outsideVitest(), npm_config_update_notifier: "false", ...env },
      });
      return stdout;
    } catch (error) {
      throw new Error(`${command} ${args.join(" ")} exited ${error.code}:\n${error.stdout}\n${error.stderr}`);
    }
  };
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await run("npm", [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      inject("packageTarball"),
      ...extra,
    ]);
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, run, remove };
}
