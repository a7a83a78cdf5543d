// The layers hold: no import cycle in src/ (type-only imports included), nothing below the entry points imports
// them, and the domain builds no SQL and knows neither itty-router nor tRPC.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../../src");
const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+"([^"]+)"|(?:^|\n)\s*import\s+"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [full] : [];
  });
}

function resolveLocal(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), base].find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
}

/** Every file of src with what it imports: local files resolved, packages as written. */
function importGraph(): Map<string, { local: string[]; packages: string[] }> {
  const graph = new Map<string, { local: string[]; packages: string[] }>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    const local: string[] = [];
    const packages: string[] = [];
    for (const match of text.matchAll(SPECIFIER)) {
      const spec = match[1] ?? match[2] ?? match[3] ?? "";
      if (!spec.startsWith(".")) packages.push(spec);
      else {
        const target = resolveLocal(file, spec);
        if (target) local.push(target);
      }
    }
    graph.set(file, { local, packages });
  }
  return graph;
}

/** Tarjan's strongly connected components with more than one file, or a file importing itself. */
function cycles(graph: Map<string, { local: string[] }>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.local ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, indices.get(w) as number));
    }
    if (low.get(v) !== indices.get(v)) return;
    const component: string[] = [];
    for (;;) {
      const w = stack.pop() as string;
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1 || graph.get(v)?.local.includes(v)) found.push(component);
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found;
}

const rel = (file: string) => path.relative(SRC, file);
const layer = (file: string) => rel(file).split(path.sep)[0];
const ENTRY_POINTS = new Set(["worker", "rpc", "queue"]);
const BELOW = new Set(["domain", "db", "upstream"]);

describe("architecture", () => {
  const graph = importGraph();

  it("reads the whole tree", () => {
    expect(graph.size).toBeGreaterThan(50);
  });

  it("has no import cycle, type-only imports included", () => {
    expect(cycles(graph).map((c) => c.map(rel).sort())).toEqual([]);
  });

  it("has nothing in domain, db or upstream import an entry point (worker, rpc, the queue object)", () => {
    const upward = [...graph].flatMap(([file, { local }]) =>
      BELOW.has(layer(file) ?? "")
        ? local.filter((t) => ENTRY_POINTS.has(layer(t) ?? "")).map((t) => `${rel(file)} -> ${rel(t)}`)
        : [],
    );
    expect(upward).toEqual([]);
  });

  it("keeps transports and SQL out of the domain (SQL lives in src/db)", () => {
    const leaks = [...graph].flatMap(([file, { packages }]) =>
      layer(file) === "domain"
        ? packages
            .filter((p) => ["itty-router", "@trpc/", "drizzle-orm"].some((banned) => p.startsWith(banned)))
            .map((p) => `${rel(file)}: ${p}`)
        : [],
    );
    expect(leaks).toEqual([]);
  });
});
