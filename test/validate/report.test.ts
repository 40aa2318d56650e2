// The study report (loaders/validate/report.ts) on hand-made seed results.
import {describe, expect, it} from "vitest";
import {Z975} from "../../loaders/validate/metrics.ts";
import {checkTargets, ESTIMATE_KEYS, performanceOf, renderReport} from "../../loaders/validate/report.ts";
import type {EstimateRecord, SeedResult} from "../../loaders/validate/seed.ts";

/** An adjusted estimate `z` SEs (0.01) from the truth −0.05; the naive one 2 pp less favourable. */
const record = (key: string, z: number): EstimateRecord => {
  const adjusted = -0.05 + z * 0.01;
  const naive = adjusted + 0.02;
  return {
    key,
    adjusted,
    adjusted_lower: adjusted - Z975 * 0.01,
    adjusted_upper: adjusted + Z975 * 0.01,
    naive,
    naive_lower: naive - Z975 * 0.01,
    naive_upper: naive + Z975 * 0.01,
    n: 1000,
    truth: -0.05,
    truth_source: "estimands"
  };
};

// 20 seeds: z = −1.8, −1.6, …, 1.8 (all covered) and 3.0 (missed): mean z 0.15, coverage 19/20
const Z = [...Array.from({length: 19}, (_, i) => -1.8 + 0.2 * i), 3];
const study = (shift: number): SeedResult[] =>
  Z.map((z, i) => ({
    seed: 1001 + i,
    enrolments: 200_000,
    generator_version: "test",
    effect_scale: null,
    mentor_delays: null,
    seconds: {generate: 1, ingest: 2, analysis: 3, total: 6},
    estimates: ESTIMATE_KEYS.map((k) => record(k, z + shift))
  }));
const meta = {
  command: "npm run validate -- --seeds 20 --enrolments 200000",
  date: "2026-12-01",
  machine: {cpus: 2, model: "cpu", memoryGiB: 8, node: "v20"},
  enrolments: 200_000,
  jobs: 2,
  seconds: 600,
  rawPath: ".cache/validate/x.jsonl"
};

describe("report", () => {
  it("performanceOf: one method of one estimate over the seeds", () => {
    const a = performanceOf(study(0), "overall", "adjusted");
    expect(a.n).toBe(20);
    expect(a.meanZ).toBeCloseTo(0.15, 9);
    expect(a.covered).toBe(19);
    expect(performanceOf(study(0), "overall", "naive").bias).toBeCloseTo(0.0215, 9);
  });

  it("targets met: bias 0.15 SE, coverage 95%, naive biased", () => {
    const checks = checkTargets(study(0));
    expect(checks.length).toBe(2 * ESTIMATE_KEYS.length + 6);
    expect(checks.every((c) => c.met === true)).toBe(true);
  });

  it("targets not met when every estimate is 1 SE too high (bias 1.15 SE, coverage 80%)", () => {
    const checks = checkTargets(study(1));
    expect(checks.filter((c) => c.what.startsWith("adjusted")).every((c) => c.met === false)).toBe(true);
  });

  it("the Markdown names the setup, the verdicts and one table per estimate", () => {
    const md = renderReport(study(0), meta);
    expect(md).toContain("`npm run validate -- --seeds 20 --enrolments 200000`");
    expect(md).toContain("2 × cpu, 8 GiB memory, Node v20");
    expect(md).toContain("Seeds: 20 (1001–1020)");
    expect(md).toContain("`truth.estimands`");
    expect(md).not.toContain("indicative only");
    expect(md).toContain(`Adjusted: ${2 * ESTIMATE_KEYS.length} of ${2 * ESTIMATE_KEYS.length} checks met`);
    expect(md.match(/^### /gm)).toHaveLength(ESTIMATE_KEYS.length);
    expect(md).toContain("| adjusted | 20 | -5.00 | -4.85 | 0.15 ± ");
    // every table row has as many cells as its header
    for (const block of md.split("\n\n").filter((b) => b.startsWith("|"))) {
      const cells = block
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => l.split("|").length);
      expect(new Set(cells).size, block).toBe(1);
    }
  });

  it("a small study or the old truth fields are said to be so", () => {
    const small = study(0)
      .slice(0, 5)
      .map((r) => ({...r, estimates: r.estimates.map((e) => ({...e, truth_source: "legacy" as const}))}));
    const md = renderReport(small, {...meta, enrolments: 20_000});
    expect(md).toContain("indicative only");
    expect(md).toContain("**fallback**");
  });

  it("says when generator 1.1.0 ignores the effect scale and mentor delays asked for", () => {
    const old = study(0).map((r) => ({...r, generator_version: "1.1.0"}));
    expect(renderReport(old, {...meta, effectScale: 2, mentorDelays: false})).toContain(
      "effect scale 2, no mentor delays (asked for, but generator 1.1.0 has no such options and ignores them)"
    );
    expect(renderReport(study(0), {...meta, effectScale: 2})).toContain("Generator version: test, effect scale 2\n");
  });
});
