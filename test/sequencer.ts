// The order in which the two workers take the test files. On a clean clone vitest has no timings yet and
// starts the largest files first, so a long suite that happens to be small (the joint seal, the R recipes)
// can start last and run alone at the end, and the suites that wait for the global setup's site build can
// take both workers while the build runs on one core. Here the order comes from a simulation of the two
// workers with the durations below: a free worker takes the longest file it can start at once (a suite that
// needs the site build only once the build should be done), else the longest file left. Files without a
// figure follow in vitest's own order (its recorded timings when it has them, else size).
import {relative} from "node:path";
import {BaseSequencer, type TestSpecification} from "vitest/node";

/**
 * Seconds a file took in the full run on a clean clone (npm test, two workers, 2 December 2026), the slow ones only:
 * the order matters, not the figures.
 */
export const EXPECTED_SECONDS: Record<string, number> = {
  "test/privacy/export-attacks.test.ts": 335,
  "test/privacy/joint.test.ts": 324,
  "test/export/r.test.ts": 265,
  "test/own-data.test.ts": 162,
  "test/export/export.test.ts": 102,
  "test/browser/furniture.test.ts": 99,
  "test/browser/pages.test.ts": 90,
  "test/export/suppression.test.ts": 88,
  "test/browser/labels.test.ts": 87,
  "test/browser/layout.test.ts": 86,
  "test/browser/downloads.test.ts": 85,
  "test/ingest/kill.test.ts": 68,
  "test/browser/language.test.ts": 54,
  "test/validate/study.test.ts": 54,
  "test/export/guard.test.ts": 51,
  "test/privacy/sparse-build.test.ts": 50,
  "test/browser/findings.test.ts": 45,
  "test/ingest/sample.test.ts": 42,
  "test/ingest/fixtures.test.ts": 33,
  "test/browser/benchmark.test.ts": 24,
  "test/export/microdata.test.ts": 22,
  "test/export/cli-errors.test.ts": 19,
  "test/analysis/site.test.ts": 17,
  "test/site/commands.test.ts": 12,
  "test/stats/funnel-limits.test.ts": 11
};

/** Seconds the global setup's site build takes (npm run build of the built-in sample, alone on a core). */
export const BUILD_SECONDS = 300;

/** The suites that wait for the global setup's site build (they read dist/ or the built sample's warehouse). */
export const NEEDS_BUILD = /^test\/(browser\/|site\/build\.|privacy\/(export-)?attacks\.|analysis\/site\.)/;

/** The order in which `workers` workers should take `files` ([path, seconds]), by the simulation described above. */
export function schedule(files: readonly (readonly [string, number])[], workers: number): string[] {
  const left = [...files].sort((a, b) => b[1] - a[1]);
  const free = Array.from({length: workers}, () => 0);
  const order: string[] = [];
  while (left.length) {
    const w = free.indexOf(Math.min(...free));
    const now = free[w];
    const i = Math.max(
      0,
      left.findIndex(([path]) => !NEEDS_BUILD.test(path) || now >= BUILD_SECONDS)
    );
    const [[path, seconds]] = left.splice(i, 1);
    order.push(path);
    free[w] = (NEEDS_BUILD.test(path) ? Math.max(now, BUILD_SECONDS) : now) + seconds;
  }
  return order;
}

export default class Scheduled extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const path = (f: TestSpecification) => relative(f.project.config.root, f.moduleId).split("\\").join("/");
    const known = sorted.filter((f) => EXPECTED_SECONDS[path(f)] !== undefined);
    const workers = Number(this.ctx.config.maxWorkers) || 2;
    const rank = new Map(
      schedule(
        known.map((f) => [path(f), EXPECTED_SECONDS[path(f)]] as const),
        workers
      ).map((p, i) => [p, i])
    );
    return [
      ...known.sort((a, b) => rank.get(path(a))! - rank.get(path(b))!),
      ...sorted.filter((f) => EXPECTED_SECONDS[path(f)] === undefined)
    ];
  }
}
