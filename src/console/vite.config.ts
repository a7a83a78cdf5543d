// Vite build of the web console: src/console -> public/console, served by Workers Static Assets at /console/.
import path from "node:path";
import { defineConfig } from "vite";

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: "/console/",
  // The console is a static SPA: no public/ folder of its own, no env files read from the repository.
  publicDir: false,
  envDir: false,
  logLevel: "warn",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: path.join(here, "..", "..", "public", "console"),
    emptyOutDir: true,
    target: "es2022",
    // One small app: a single JS and CSS file keep the first load to three requests.
    modulePreload: false,
    reportCompressedSize: false,
    sourcemap: false,
  },
});
