// Builds the site once before the suites that read dist/ (site scan, browser tests).
// When vitest is given file filters that select neither, the build is skipped.
import {execFileSync} from "node:child_process";
import {join} from "node:path";
import {PROJECT_ROOT, warehousePath} from "../loaders/warehouse.ts";

export default function setup() {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith("-") && a !== "run");
  // the suites that read dist/: test/site/build, test/browser, the attacks on the built site (a filter "site" or "test/site" too)
  const needsSite = filters.length === 0 || filters.some((f) => /(^|\/)site\/?$|site\/build|browser|attacks/.test(f));
  if (!needsSite) return;
  execFileSync("npm", ["run", "build"], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true"}
  });
  // When this build is of the built-in sample (the default warehouse), the attacker's tests read it instead of building
  // their own, and the site-data tests reuse its cached analysis (same warehouse file, same key) instead of repeating it.
  if (!process.env.MENTOR_WAREHOUSE && !process.env.MENTOR_MIN_CELL) {
    process.env.MENTOR_ATTACK_DIST ??= join(PROJECT_ROOT, "dist");
    process.env.MENTOR_SAMPLE_WAREHOUSE ??= warehousePath();
  }
}
