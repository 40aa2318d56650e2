// Builds the site once for the suites that read dist/ (site scan, browser tests, the attacks on the built site) or
// the built-in sample's warehouse. The build (mostly one core: the analysis and its privacy audit) runs in the
// background while the other suites use the second core; a suite that needs it waits in its beforeAll
// (test/helpers/site-build.ts: `siteBuilt()`). When vitest is given file filters that select none of those suites,
// the build is skipped.
import {spawn, type ChildProcess} from "node:child_process";
import {closeSync, mkdirSync, openSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {PROJECT_ROOT, warehousePath} from "../loaders/warehouse.ts";
import {SITE_BUILD_ENV} from "./helpers/site-build.ts";

export default function setup() {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith("-") && a !== "run");
  // the suites that read dist/: test/site/build, test/browser, the attacks on the built site (a filter "site" or "test/site" too)
  const needsSite = filters.length === 0 || filters.some((f) => /(^|\/)site\/?$|site\/build|browser|attacks/.test(f));
  if (!needsSite) return;

  const dir = join(PROJECT_ROOT, ".cache", "test-fixtures");
  mkdirSync(dir, {recursive: true});
  const status = join(dir, "site-build.json");
  const log = join(dir, "site-build.log");
  rmSync(status, {force: true});
  const started = performance.now();
  const err = openSync(log, "w");
  // its own process group, so that an interrupted run can stop the build with everything it started
  const child: ChildProcess = spawn("npm", ["run", "build"], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "ignore", err],
    env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true"},
    detached: true
  });
  closeSync(err);
  let running = true;
  const finish = (code: number | null, signal: string | null) => {
    running = false;
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    writeFileSync(status, JSON.stringify({code, signal, seconds, log}));
  };
  child.on("exit", finish);
  child.on("error", (error) => {
    writeFileSync(log, `${String(error)}\n`, {flag: "a"});
    finish(null, null);
  });
  process.env[SITE_BUILD_ENV] = status;

  // When this build is of the built-in sample (the default warehouse), the attacker's tests read it instead of building
  // their own, and the site-data tests reuse its cached analysis (same warehouse file, same key) instead of repeating it.
  if (!process.env.MENTOR_WAREHOUSE && !process.env.MENTOR_MIN_CELL) {
    process.env.MENTOR_ATTACK_DIST ??= join(PROJECT_ROOT, "dist");
    process.env.MENTOR_SAMPLE_WAREHOUSE ??= warehousePath();
  }

  return async () => {
    // no suite waited for it (e.g. the run was interrupted): stop the build and what it started
    if (running && child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  };
}
