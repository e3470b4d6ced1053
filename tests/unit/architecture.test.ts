// The layout's rules (docs/architecture.md), checked on the source: no import cycles in lib/ and src/; Node's
// modules only where Node runs (lib/node/, and src/data/, Framework's build-time data loaders); pages are glue
// (no <style>, at most PAGE_JS_LINES lines of JavaScript each).
import {readdirSync, readFileSync, statSync} from "node:fs";
import {dirname, join, normalize, relative} from "node:path";
import {describe, expect, test} from "vitest";

const PAGE_JS_LINES = 150;

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name.startsWith(".") || name === "node_modules" || path === join("src", "lib")) return [];
    return statSync(path).isDirectory() ? filesUnder(path, pattern) : pattern.test(name) ? [path] : [];
  });
}

const IMPORT =
  /(?:import|export)\s[^"'`;]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g;

/** Relative imports of a module or page, resolved to the files they name (src/lib is lib/). */
export function importsOf(file: string, text: string): {specifier: string; target?: string}[] {
  return [...text.matchAll(IMPORT)].map((m) => {
    const specifier = m[1] ?? m[2] ?? m[3];
    if (!specifier.startsWith(".")) return {specifier};
    let target = normalize(join(dirname(file), specifier)).replace(/^src\/lib\//, "lib/");
    target = target.replace(/\.js$/, ".ts");
    return {specifier, target};
  });
}

/** The code of a Markdown page's ```js blocks and ${...} expressions, line by line. */
function pageJavaScript(text: string): string[] {
  const blocks = [...text.matchAll(/^```js[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  return blocks
    .join("\n")
    .split("\n")
    .filter((line) => line.trim() && !line.trim().startsWith("//"));
}

const modules = [...filesUnder("lib", /\.ts$/), ...filesUnder("src", /\.ts$/)].filter((f) => !f.endsWith(".d.ts"));
const pages = filesUnder("src", /\.md$/);

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "visiting") return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, "visiting");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("the layout", () => {
  test("the import graph of lib/ and src/ has no cycle (type-only imports count)", () => {
    const graph = new Map<string, string[]>();
    for (const file of modules) {
      const targets = importsOf(file, readFileSync(file, "utf8")).flatMap(({target}) => (target ? [target] : []));
      graph.set(file, targets);
    }
    expect(findCycle(graph)).toBeUndefined();
    // The checker itself finds a cycle when there is one.
    expect(
      findCycle(
        new Map([
          ["a", ["b"]],
          ["b", ["a"]]
        ])
      )
    ).toEqual(["a", "b", "a"]);
  });

  test("every relative import names a file that exists", () => {
    const missing = modules.flatMap((file) =>
      importsOf(file, readFileSync(file, "utf8")).flatMap(({specifier, target}) => {
        if (!target) return [];
        try {
          statSync(target);
          return [];
        } catch {
          return [`${file}: ${specifier}`];
        }
      })
    );
    expect(missing).toEqual([]);
  });

  test("Node's modules are imported only where Node runs: lib/node/ and the data loaders in src/data/", () => {
    const offenders = [...modules, ...pages].filter((file) => {
      const where = relative(".", file);
      if (where.startsWith("lib/node/") || where.startsWith("src/data/")) return false;
      return importsOf(file, readFileSync(file, "utf8")).some(({specifier}) => specifier.startsWith("node:"));
    });
    expect(offenders).toEqual([]);
  });

  test.each(pages)(`%s is glue: no <style>, at most ${PAGE_JS_LINES} lines of JavaScript`, (page) => {
    const text = readFileSync(page, "utf8");
    expect(text).not.toMatch(/<style[\s>]/);
    expect(pageJavaScript(text).length).toBeLessThanOrEqual(PAGE_JS_LINES);
  });
});
