// Tests of loaders/stats/standardised-difference.ts (direct standardisation to the exposed, ATT).
import {describe, expect, it} from "vitest";
import {mantelHaenszel, normalCritical} from "../../loaders/stats/index.ts";
import {standardisedDifference} from "../../loaders/stats/standardised-difference.ts";

describe("standardisedDifference", () => {
  // Variance plug-in: stratum risk shrunk toward the group's pooled risk by 2 pseudo-observations.
  const shrunk = (x: number, n: number, pooled: number) => {
    const p = (x + 2 * pooled) / (n + 2);
    return p * (1 - p);
  };

  it("matches the worked example in its doc comment", () => {
    const r = standardisedDifference([
      {x1: 10, n1: 100, x0: 30, n0: 200},
      {x1: 40, n1: 100, x0: 50, n0: 100}
    ]);
    expect(r.estimate).toBeCloseTo(-0.075, 12);
    expect(r.rate1).toBeCloseTo(0.25, 12);
    expect(r.rate0).toBeCloseTo(0.325, 12);
    const P1 = 0.25,
      P0 = 80 / 300;
    const v =
      0.25 * (shrunk(10, 100, P1) / 100 + shrunk(30, 200, P0) / 200) +
      0.25 * (shrunk(40, 100, P1) / 100 + shrunk(50, 100, P0) / 100);
    expect(r.stdErr).toBeCloseTo(Math.sqrt(v), 12);
    expect(r.lower).toBeCloseTo(-0.075 - normalCritical(0.95) * Math.sqrt(v), 12);
    expect(r.lower).toBeCloseTo(-0.15375788519122957, 10);
    expect(r.upper).toBeCloseTo(0.0037578851912295624, 10);
    expect(r.stdErr0).toBeCloseTo(
      Math.sqrt((0.25 * shrunk(30, 200, P0)) / 200 + (0.25 * shrunk(50, 100, P0)) / 100),
      12
    );
    expect(r.supportShare).toBe(1);
    expect(r.strata).toBe(2);
  });

  it("weights strata by the exposed, unlike Mantel-Haenszel, when effects differ", () => {
    // Stratum 1: many exposed, no effect; stratum 2: few exposed, large effect.
    const strata = [
      {x1: 90, n1: 900, x0: 10, n0: 100},
      {x1: 10, n1: 100, x0: 450, n0: 900}
    ];
    const att = standardisedDifference(strata);
    expect(att.estimate).toBeCloseTo(0.9 * 0 + 0.1 * (0.1 - 0.5), 12);
    const mh = mantelHaenszel(strata.map((s) => ({x1: s.x1, n1: s.n1, x2: s.x0, n2: s.n0})));
    expect(mh.riskDifference.estimate).toBeCloseTo(-0.2, 12);
  });

  it("leaves out strata without comparison members and reports the support", () => {
    const r = standardisedDifference([
      {x1: 5, n1: 50, x0: 20, n0: 100},
      {x1: 3, n1: 50, x0: 0, n0: 0},
      {x1: 0, n1: 0, x0: 7, n0: 10}
    ]);
    expect(r.estimate).toBeCloseTo(0.1 - 0.2, 12);
    expect(r.supportShare).toBe(0.5);
    expect(r.strata).toBe(1);
    const none = standardisedDifference([{x1: 3, n1: 50, x0: 0, n0: 0}]);
    expect(none.estimate).toBeNaN();
    expect(none.supportShare).toBe(0);
  });

  it("does not treat small strata with 0 or all events as certain", () => {
    const strata = [
      {x1: 0, n1: 2, x0: 0, n0: 3},
      {x1: 2, n1: 2, x0: 3, n0: 3}
    ];
    const r = standardisedDifference(strata);
    // plug-in p̂(1 − p̂) would be 0 everywhere; pooled risks are 0.5, so p̃ = (0 + 1)/4 and (2 + 1)/4 or (3 + 1)/5
    const v =
      0.25 * (shrunk(0, 2, 0.5) / 2 + shrunk(0, 3, 0.5) / 3) + 0.25 * (shrunk(2, 2, 0.5) / 2 + shrunk(3, 3, 0.5) / 3);
    expect(r.stdErr).toBeGreaterThan(0.2);
    expect(r.stdErr).toBeCloseTo(Math.sqrt(v), 12);
  });

  it("for the sample estimand, takes the exposed individuals' uncertainty from the unexposed risk", () => {
    const strata = [
      {x1: 10, n1: 100, x0: 30, n0: 200},
      {x1: 40, n1: 100, x0: 50, n0: 100}
    ];
    const r = standardisedDifference(strata, {estimand: "sample"});
    const P0 = 80 / 300;
    const v = 0.25 * shrunk(30, 200, P0) * (1 / 100 + 1 / 200) + 0.25 * shrunk(50, 100, P0) * (1 / 100 + 1 / 100);
    expect(r.estimate).toBeCloseTo(-0.075, 12);
    expect(r.stdErr).toBeCloseTo(Math.sqrt(v), 12);
    expect(() => standardisedDifference(strata, {estimand: "other" as never})).toThrow(/estimand/);
  });

  it("rejects invalid input", () => {
    expect(() => standardisedDifference([])).toThrow(RangeError);
    expect(() => standardisedDifference([{x1: 5, n1: 4, x0: 0, n0: 1}])).toThrow(/x1/);
    expect(() => standardisedDifference([{x1: 1, n1: 4, x0: 0, n0: 1}], {level: 1})).toThrow(/level/);
  });
});
