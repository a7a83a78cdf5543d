// Package build (`npm run build`, then scripts/build-test-worker.mjs): the typed client and the testing entry as
// ESM + bundled declarations in dist/.
import { defineConfig } from "tsdown";

export default defineConfig({
  entry: { client: "src/rpc/client.ts", testing: "src/testing/index.ts" },
  outDir: "dist",
  format: "esm",
  // node: builtins stay imports (testing); the client itself uses none and runs anywhere fetch exists.
  platform: "node",
  fixedExtension: false,
  target: "es2022",
  dts: true,
  tsconfig: "tsconfig.build.json",
  clean: true,
  sourcemap: false,
});
