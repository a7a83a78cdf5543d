// Package build (`npm run build`): the typed client as ESM + bundled declarations in dist/.
import { defineConfig } from "tsdown";

export default defineConfig({
  entry: { client: "src/rpc/client.ts" },
  outDir: "dist",
  format: "esm",
  platform: "neutral",
  target: "es2022",
  dts: true,
  tsconfig: "tsconfig.build.json",
  clean: true,
  sourcemap: false,
});
