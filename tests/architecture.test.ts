import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

/**
 * The house's shape, read from the imports of every source file under app/:
 * arrows point one way (no circles, type imports included), the lower floors
 * never reach up into request handling or routes, and nothing climbs out of
 * app/ by a relative path (db/ and tests/ are reached through #db/ and #tests/).
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const APP = path.join(ROOT, "app");
const SOURCE = /\.(ts|tsx)$/;
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return SOURCE.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function specifiers(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? "");
}

/** The file an import names, if it is one of ours; null for packages. */
function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("~/")) base = path.join(APP, specifier.slice(2));
  else if (specifier.startsWith("#db/")) base = path.join(ROOT, "db", specifier.slice(4));
  else if (specifier.startsWith("#tests/")) base = path.join(ROOT, "tests", specifier.slice(7));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  const clean = base.replace(/\?.*$/, "");
  for (const candidate of [clean, `${clean}.ts`, `${clean}.tsx`, path.join(clean, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return clean;
}

const files = sourceFiles(APP);
const graph = new Map(
  files.map((file) => [
    file,
    specifiers(file)
      .map((s) => resolve(file, s))
      .filter((target): target is string => target !== null && target.startsWith(APP) && SOURCE.test(target)),
  ]),
);

const rel = (file: string) => path.relative(ROOT, file);

/** Every circle, as the list of files around it (Tarjan's strongly connected components). */
function circles(): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indexOf.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indexOf.get(next)!));
    }
    if (low.get(node) === indexOf.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(rel(member));
      } while (member !== node);
      const selfLoop = (graph.get(node) ?? []).includes(node);
      if (component.length > 1 || selfLoop) found.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!indexOf.has(file)) visit(file);
  return found;
}

describe("the import graph of app/", () => {
  test("reads every source file", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get(path.join(APP, "root.tsx"))).toContain(path.join(APP, "components/site-header.tsx"));
  });

  test("has no import circles", () => {
    expect(circles()).toEqual([]);
  });

  test.each(["auth", "domain", "services"])("app/%s never imports request handling or routes", (layer) => {
    const upward = [...graph]
      .filter(([file]) => file.startsWith(path.join(APP, layer) + path.sep))
      .flatMap(([file, targets]) =>
        targets
          .filter(
            (t) => t.startsWith(path.join(APP, "http") + path.sep) || t.startsWith(path.join(APP, "routes") + path.sep),
          )
          .map((t) => `${rel(file)} -> ${rel(t)}`),
      );
    expect(upward).toEqual([]);
  });

  test("app/auth never imports a service", () => {
    const reaching = [...graph]
      .filter(([file]) => file.startsWith(path.join(APP, "auth") + path.sep))
      .flatMap(([file, targets]) =>
        targets
          .filter((t) => t.startsWith(path.join(APP, "services") + path.sep))
          .map((t) => `${rel(file)} -> ${rel(t)}`),
      );
    expect(reaching).toEqual([]);
  });

  test("no relative import climbs out of app/", () => {
    const climbing = files.flatMap((file) =>
      specifiers(file)
        .filter((s) => s.startsWith(".") && !path.resolve(path.dirname(file), s).startsWith(APP + path.sep))
        .map((s) => `${rel(file)}: ${s}`),
    );
    expect(climbing).toEqual([]);
  });
});
