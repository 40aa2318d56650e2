// The order in which the two workers take the test files. On a clean clone vitest has no timings yet and
// starts the largest files first, so a long suite that happens to be small (the joint seal, the R recipes)
// can start last and run alone at the end. Here the files known to take long start first, longest first
// (EXPECTED_SECONDS); the others follow in vitest's
// own order (its recorded timings when it has them, else size). The suites that need the site build of
// test/global-setup.ts wait for it in their beforeAll; while one waits, the build has its core.
import {relative} from "node:path";
import {BaseSequencer, type TestSpecification} from "vitest/node";

/**
 * Seconds a file took in the full run on a clean clone (npm test, two workers, 2 December 2026), the slow ones only:
 * the order matters, not the figures. A file not listed runs after these.
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

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const seconds = (f: TestSpecification) =>
      EXPECTED_SECONDS[relative(f.project.config.root, f.moduleId).split("\\").join("/")] ?? 0;
    // a stable sort: files without a figure keep vitest's order, after those with one
    return sorted
      .map((f, i) => ({f, i, s: seconds(f)}))
      .sort((a, b) => b.s - a.s || a.i - b.i)
      .map(({f}) => f);
  }
}
