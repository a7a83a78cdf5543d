// Static assets under public/: the API reference viewer (Swagger UI, copied from its npm package into
// public/docs/vendor/, served at /docs) and the web console (Vite build of src/console into public/console/).
// Run by `npm install` (prepare), `npm start`, `npm test` and `npm run deploy`.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const consoleConfig = path.join(root, "src", "console", "vite.config.ts");

// Only what the page loads (no source maps): about 1.9 MB, far under the 25 MiB per-file limit of assets.
const FILES = ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "LICENSE"];

export function copyDocsViewer() {
  const viewer = path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  const target = path.join(root, "public", "docs", "vendor");
  mkdirSync(target, { recursive: true });
  for (const file of FILES) copyFileSync(path.join(viewer, file), path.join(target, file));
}

/** One production build of the console. */
export async function buildConsole() {
  const { build } = await import("vite");
  await build({ configFile: consoleConfig });
}

/**
 * The console rebuilt on every change under src/ (`npm start`): resolves after the first build with the
 * watcher, whose close() stops it. Later failed builds are printed and keep the last good output.
 */
export async function watchConsole() {
  const { build } = await import("vite");
  const watcher = await build({ configFile: consoleConfig, build: { watch: {} } });
  await new Promise((resolve, reject) => {
    let first = true;
    watcher.on("event", (event) => {
      if (event.code === "ERROR") {
        event.result?.close?.();
        if (first) reject(event.error);
        else console.error(`console build failed: ${event.error?.message ?? event.error}`);
        first = false;
      } else if (event.code === "BUNDLE_END") {
        event.result?.close?.();
      } else if (event.code === "END") {
        if (first) resolve();
        first = false;
      }
    });
  });
  return watcher;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  copyDocsViewer();
  await buildConsole();
}
