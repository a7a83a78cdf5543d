/// <reference types="node" />
// The gateway's Worker on Miniflare: the bundle built at package build time, an in-memory D1 migrated on start.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/** What scripts/build-test-worker.mjs writes beside the bundle (dist/worker/gateway.json). */
interface WorkerManifest {
  compatibilityDate: string;
  compatibilityFlags: string[];
  vars: Record<string, string>;
  d1Binding: string;
  durableObjects: { binding: string; className: string }[];
  migrations: string[];
}

export interface RunningWorker {
  url: string;
  dispose(): Promise<void>;
}

const MIN_NODE_MAJOR = 22;
const MIGRATOR_HOST = "migrator.invalid";
// A second Worker on the same D1 database that applies the migrations in one batch: through Miniflare's own
// D1 proxy this costs a second more per start.
const MIGRATOR = `export default {
  async fetch(request, env) {
    const statements = await request.json();
    await env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
    return new Response(null, { status: 204 });
  },
};`;

type MiniflareModule = typeof import("miniflare");

async function loadMiniflare(): Promise<MiniflareModule> {
  const major = Number(process.versions.node.split(".")[0]);
  if (major < MIN_NODE_MAJOR) {
    throw new Error(
      `sinch-edge-gateway/testing needs Node ${MIN_NODE_MAJOR} or newer (Miniflare's requirement); this is Node ${process.versions.node}. ` +
        'Run your tests on Node 22+, e.g. with the "node" package as a devDependency (npm install -D node@22).',
    );
  }
  try {
    return await import("miniflare");
  } catch (error) {
    if ((error as { code?: string }).code !== "ERR_MODULE_NOT_FOUND") throw error;
    throw new Error("sinch-edge-gateway/testing needs the miniflare package: npm install -D miniflare", {
      cause: error,
    });
  }
}

/** Starts the Worker with `vars` over the built-in ones; resolves once it listens on 127.0.0.1. */
export async function startWorker(vars: Record<string, string>, verbose: boolean): Promise<RunningWorker> {
  const [{ Miniflare, convertV4MiniflareOptions }, manifestText] = await Promise.all([
    loadMiniflare(),
    readFile(new URL("./worker/gateway.json", import.meta.url), "utf8"),
  ]);
  const manifest = JSON.parse(manifestText) as WorkerManifest;
  // Each instance gets its own database id and in-memory storage: gateways in one process share nothing.
  const databaseId = `gateway-${crypto.randomUUID()}`;
  const quiet = verbose ? {} : { handleStructuredLogs: () => {} };
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: "127.0.0.1",
      port: 0,
      // The placeholder `request.cf`: else Miniflare fetches Cloudflare's sample over the network (and caches it
      // in node_modules/.mf) whenever NODE_ENV is not "test".
      cf: false,
      ...quiet,
      workers: [
        {
          name: "gateway",
          modules: true,
          rootPath: fileURLToPath(new URL("./worker/", import.meta.url)),
          scriptPath: "index.js",
          compatibilityDate: manifest.compatibilityDate,
          compatibilityFlags: manifest.compatibilityFlags,
          bindings: { ...manifest.vars, ...vars },
          d1Databases: { [manifest.d1Binding]: databaseId },
          durableObjects: Object.fromEntries(
            manifest.durableObjects.map((d) => [d.binding, { className: d.className, useSQLite: true }]),
          ),
        },
        {
          name: "migrator",
          modules: true,
          script: MIGRATOR,
          compatibilityDate: manifest.compatibilityDate,
          d1Databases: { DB: databaseId },
          routes: [`${MIGRATOR_HOST}/*`],
        },
      ],
    }),
  );
  try {
    const url = (await mf.ready).origin;
    const migrated = await mf.dispatchFetch(`http://${MIGRATOR_HOST}/`, {
      method: "POST",
      body: JSON.stringify(manifest.migrations),
    });
    if (migrated.status !== 204) throw new Error(`migrations failed: ${await migrated.text()}`);
    return { url, dispose: () => mf.dispose() };
  } catch (error) {
    await mf.dispose();
    throw error;
  }
}
