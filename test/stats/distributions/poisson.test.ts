import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {poissonCdf, poissonExactLimits, poissonPmf} from "../../../loaders/stats/distributions/poisson.ts";
import {hasR, noteIfNoR, runR, vec} from "../../r/r.ts";
import {expectClose} from "../helpers.ts";

describe("Poisson", () => {
  it("CDF and pmf", () => {
    expectClose(poissonCdf(2, 1), 2.5 / Math.E, 1e-14);
    expectClose(poissonCdf(3, 2.5), 0.75757613313306593, 1e-14);
    expectClose(poissonCdf(15, 10), 0.95125959669602123, 1e-14);
    expectClose(poissonPmf(3, 2), (8 / 6) * Math.exp(-2), 1e-14);
    expect(poissonCdf(-1, 2)).toBe(0);
    expect(poissonCdf(3, 0)).toBe(1);
  });
  it("Garwood exact limits: published values", () => {
    // O = 10: 4.7954 – 18.3904 (e.g. Ulm 1990; Breslow & Day 1987, Appendix)
    const ten = poissonExactLimits(10);
    expect(ten.lower).toBeCloseTo(4.7954, 4);
    expect(ten.upper).toBeCloseTo(18.3904, 4);
    // O = 0: [0, −ln(0.025)] = [0, 3.6889]
    const zero = poissonExactLimits(0);
    expect(zero.lower).toBe(0);
    expectClose(zero.upper, -Math.log(0.025), 1e-13);
    // O = 1: lower = −ln(0.975) = 0.025318, upper = 5.5716
    const one = poissonExactLimits(1);
    expectClose(one.lower, -Math.log(0.975), 1e-13);
    expect(one.upper).toBeCloseTo(5.5716, 4);
  });
  it("limits bracket the count and achieve the tail probabilities (property)", () => {
    fc.assert(
      fc.property(fc.integer({min: 0, max: 5000}), fc.double({min: 0.5, max: 0.999, noNaN: true}), (x, level) => {
        const {lower, upper} = poissonExactLimits(x, {level});
        const alpha = (1 - level) / 2;
        expect(lower).toBeLessThanOrEqual(x);
        expect(upper).toBeGreaterThanOrEqual(x);
        // P(X ≥ x | lower) = α/2 and P(X ≤ x | upper) = α/2
        if (x > 0) expectClose(1 - poissonCdf(x - 1, lower), alpha, 1e-8, 1e-14);
        expectClose(poissonCdf(x, upper), alpha, 1e-8, 1e-14);
      })
    );
  });
  it("validates", () => {
    expect(() => poissonExactLimits(-1)).toThrow(RangeError);
    expect(() => poissonExactLimits(2.5)).toThrow(RangeError);
    expect(() => poissonExactLimits(2, {level: 1})).toThrow(RangeError);
  });
});

noteIfNoR("Poisson limits grid");
describe.skipIf(!hasR)("Poisson exact limits vs R qchisq (grid)", () => {
  it("agree to 1e-12 relative", () => {
    const xs = [0, 1, 2, 5, 10, 33, 100, 1000];
    const r = runR(
      `x <- c(${xs.join(",")}); emit(list(lo = ifelse(x == 0, 0, qchisq(0.025, 2 * x) / 2), up = qchisq(0.975, 2 * x + 2) / 2, lo99 = ifelse(x == 0, 0, qchisq(0.001, 2 * x) / 2), up99 = qchisq(0.999, 2 * x + 2) / 2))`
    );
    xs.forEach((x, i) => {
      const l = poissonExactLimits(x);
      expectClose(l.lower, vec(r, "lo")[i], 1e-12);
      expectClose(l.upper, vec(r, "up")[i], 1e-12);
      const l99 = poissonExactLimits(x, {level: 0.998});
      expectClose(l99.lower, vec(r, "lo99")[i], 1e-12);
      expectClose(l99.upper, vec(r, "up99")[i], 1e-12);
    });
  });
});
