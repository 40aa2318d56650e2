// The performance measures of loaders/validate/metrics.ts on hand-computed replicates.
import {describe, expect, it} from "vitest";
import {performance, sd, seFromInterval, Z975} from "../../loaders/validate/metrics.ts";

const rep = (estimate: number, se: number, truth: number) => ({
  estimate,
  lower: estimate - Z975 * se,
  upper: estimate + Z975 * se,
  truth
});

describe("performance (the module comment's worked example)", () => {
  const p = performance([rep(-0.06, 0.01, -0.05), rep(-0.04, 0.01, -0.05), rep(-0.08, 0.01, -0.05)]);
  it("counts and means", () => {
    expect(p.n).toBe(3);
    expect(p.meanTruth).toBeCloseTo(-0.05, 12);
    expect(p.meanEstimate).toBeCloseTo(-0.06, 12);
  });
  it("bias: −1 pp, −1 SE, Monte Carlo SE 0.02/√3", () => {
    expect(p.bias).toBeCloseTo(-0.01, 12);
    expect(p.meanSe).toBeCloseTo(0.01, 12);
    expect(p.biasInSe).toBeCloseTo(-1, 9);
    expect(p.biasMcse).toBeCloseTo(0.02 / Math.sqrt(3), 12);
  });
  it("z: mean −1, SD 2", () => {
    expect(p.meanZ).toBeCloseTo(-1, 9);
    expect(p.sdZ).toBeCloseTo(2, 9);
  });
  it("empirical SE 0.02, SE bias −0.5", () => {
    expect(p.empSe).toBeCloseTo(0.02, 12);
    expect(p.seBias).toBeCloseTo(-0.5, 9);
    expect(p.sdEstimate).toBeCloseTo(0.02, 12);
    expect(p.seBiasSpread).toBeCloseTo(-0.5, 9);
  });
  it("SE bias against the spread differs when the truth varies between seeds", () => {
    // truths −0.06, −0.04, −0.08 = the estimates: errors 0, SE bias undefined; estimates spread 0.02
    const q = performance([rep(-0.06, 0.01, -0.06), rep(-0.04, 0.01, -0.04), rep(-0.08, 0.01, -0.08)]);
    expect(q.empSe).toBe(0);
    expect(q.seBias).toBeNull();
    expect(q.seBiasSpread).toBeCloseTo(-0.5, 9);
  });
  it("coverage 2/3 with the Wilson interval [0.2077, 0.9385], width 2·1.96·0.01", () => {
    expect(p.covered).toBe(2);
    expect(p.coverage).toBeCloseTo(2 / 3, 12);
    expect(p.coverageLower).toBeCloseTo(0.2077, 4);
    expect(p.coverageUpper).toBeCloseTo(0.9385, 4);
    expect(p.meanWidth).toBeCloseTo(0.0391993, 6);
  });
});

describe("edge cases", () => {
  it("leaves out replicates without an estimate, interval or truth", () => {
    const p = performance([
      rep(0.1, 0.05, 0),
      {estimate: null, lower: null, upper: null, truth: 0},
      {...rep(0, 1, 0), truth: null}
    ]);
    expect(p.n).toBe(1);
    expect(p.bias).toBeCloseTo(0.1, 12);
    expect(p.coverage).toBe(0); // 0.1 ∓ 0.098 misses 0
    expect(p.sdZ).toBeNull(); // one replicate: no SD
    expect(p.seBias).toBeNull();
  });
  it("no replicates: nulls and zero counts", () => {
    const p = performance([]);
    expect(p).toMatchObject({n: 0, covered: 0, bias: null, coverage: null, coverageLower: null, meanWidth: null});
  });
  it("an interval touching the truth counts as covering it", () => {
    expect(performance([{estimate: 0.1, lower: 0, upper: 0.2, truth: 0}]).covered).toBe(1);
  });
  it("sd and seFromInterval", () => {
    expect(sd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(seFromInterval(-Z975, Z975)).toBeCloseTo(1, 12);
  });
});
