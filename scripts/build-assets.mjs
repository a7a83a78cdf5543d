// Copies the API reference viewer (Swagger UI, from its npm package) into public/docs/vendor/, which Workers
// Static Assets serves at /docs. Run by `npm install` (prepare), `npm start`, `npm test` and `npm run deploy`.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const viewer = path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const target = path.join(root, "public", "docs", "vendor");

// Only what the page loads (no source maps): about 1.9 MB, far under the 25 MiB per-file limit of assets.
const FILES = ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "LICENSE"];

mkdirSync(target, { recursive: true });
for (const file of FILES) copyFileSync(path.join(viewer, file), path.join(target, file));
