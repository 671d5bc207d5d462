import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The module graph is a ladder: a module may import the modules below it,
 * never one that imports it back, directly or through others. A cycle is
 * where a rule starts being written twice (each side re-implements what it
 * cannot import), so it fails the build here, not in review.
 */
const modulesDir = fileURLToPath(new URL("./modules", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    const isSource = /\.tsx?$/.test(entry.name) && !/\.test\.ts$|testkit\.ts$/.test(entry.name);
    return isSource ? [path] : [];
  });
}

/** module → the modules its (non-test) files import, with one file that does, for the message. */
function moduleImports(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(modulesDir)) {
    const path = relative(modulesDir, file);
    const from = path.includes("/") ? path.split("/")[0] : "(root)";
    if (from === "(root)") continue; // services.ts wires every module together: the top of the ladder.
    const edges = graph.get(from as string) ?? new Map<string, string>();
    graph.set(from as string, edges);
    const text = readFileSync(file, "utf8");
    for (const [, target] of text.matchAll(/from\s+"\.\.\/([a-z-]+)\//g)) {
      if (target && target !== from && !edges.has(target)) edges.set(target, path);
    }
  }
  return graph;
}

/** Tarjan's strongly connected components: every component of more than one module is a cycle. */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe("module layering", () => {
  it("should have no two modules that import each other", () => {
    const graph = moduleImports();
    const pairs: string[] = [];
    for (const [a, edges] of graph) {
      for (const [b, file] of edges) {
        const back = graph.get(b)?.get(a);
        if (back && a < b) pairs.push(`${a} ⇄ ${b} (${file} / ${back})`);
      }
    }
    expect(pairs).toEqual([]);
  });

  it("should have no cycle through several modules either", () => {
    expect(cycles(moduleImports())).toEqual([]);
  });

  it("should keep lead-core below every module that adds to a lead", () => {
    // lead-core is the bottom of the lead layer: it may use only the modules it is built on.
    const allowed = new Set(["auth", "events", "jobs", "sla"]);
    const above = [...(moduleImports().get("lead-core")?.keys() ?? [])].filter((m) => !allowed.has(m));
    expect(above).toEqual([]);
  });
});
