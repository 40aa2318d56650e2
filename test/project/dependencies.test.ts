// Every dependency package.json declares is used: imported by the code, the pages or the tests, or
// needed in a way an import does not show (each such one named here with the reason).
import {readdirSync, readFileSync, statSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {PROJECT_ROOT} from "../../loaders/warehouse.ts";

/** Used without an import statement. */
const USED_OTHERWISE: Record<string, string> = {
  "@observablehq/framework": "the `observable` command that builds and serves the site (loaders/cli/site.ts)",
  "@types/d3-format": "type declarations of d3-format for the type check",
  "@types/d3-time-format": "type declarations of d3-time-format for the type check",
  "@types/node": "type declarations of Node.js for the type check",
  typescript: "`tsc --noEmit`, the type check of npm test",
  tsx: "runs the TypeScript command-line entries (package.json scripts)",
  vitest: "the test runner",
  prettier: "the formatter of npm run format and of the format check in npm test",
  "axe-core": "read from node_modules by path and injected into pages (test/helpers/browser-site.ts)"
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === "node_modules" || name.startsWith(".")) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|js|mjs|md)$/.test(name) ? [path] : [];
  });
}

describe("dependencies", () => {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const source = ["loaders", "src", "test"]
    .flatMap((d) => files(join(PROJECT_ROOT, d)))
    .concat(join(PROJECT_ROOT, "observablehq.config.ts"))
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
  const imported = (name: string) => {
    const quoted = name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    return new RegExp(`(from\\s+|import\\(\\s*|resolve\\(\\s*)["']${quoted}(/[^"']*)?["']`).test(source);
  };

  it("every declared dependency is imported or named with the reason it is needed", () => {
    const unused = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].filter(
      (d) => !imported(d) && !(d in USED_OTHERWISE)
    );
    expect(unused).toEqual([]);
  });

  it("the list of exceptions names only declared dependencies", () => {
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
    expect(Object.keys(USED_OTHERWISE).filter((d) => !declared.has(d))).toEqual([]);
  });
});
