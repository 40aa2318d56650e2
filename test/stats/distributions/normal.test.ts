import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {
  normalCdf,
  normalCritical,
  normalPdf,
  normalQuantile,
  normalSurvival
} from "../../../loaders/stats/distributions/normal.ts";
import {hasR, noteIfNoR, runR, vec} from "../../r/r.ts";
import {expectClose} from "../helpers.ts";

describe("normalQuantile (AS 241)", () => {
  it("matches published/R values to full precision", () => {
    expectClose(normalQuantile(0.975), 1.959963984540054, 1e-15);
    expect(normalQuantile(0.975)).toBe(1.9599639845400536); // R: sprintf('%.17g', qnorm(0.975))
    expectClose(normalQuantile(0.995), 2.5758293035488999, 1e-15);
    expectClose(normalQuantile(0.999), 3.0902323061678132, 1e-15);
    expectClose(normalQuantile(1e-10), -6.3613409024040557, 1e-15);
    expectClose(normalQuantile(1e-300), -37.047096299361201, 1e-15);
    expect(normalQuantile(0.5)).toBe(0);
  });
  it("is not the low-precision probit (1.95716)", () => {
    expect(Math.abs(normalQuantile(0.975) - 1.95716)).toBeGreaterThan(1e-3);
    expect(normalCritical(0.95)).toBeCloseTo(1.959963984540054, 15);
  });
  it("handles the boundaries", () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });
  it("is antisymmetric and inverts the CDF (property)", () => {
    fc.assert(
      fc.property(fc.double({min: 1e-300, max: 0.5, noNaN: true}), (p) => {
        // 1 − p is exact only for p ≥ 2⁻⁵³·…; compare against the rounded 1 − p.
        if (p > 1e-6) expectClose(normalQuantile(1 - p), -normalQuantile(1 - (1 - p)), 1e-12, 1e-12);
        // Condition number of Φ at its quantile is ≈ z², so allow 1e-14·max(1, z²).
        const z = normalQuantile(p);
        expectClose(normalCdf(z), p, 1e-14 * Math.max(1, z * z), 0);
      })
    );
  });
});

describe("normalCdf (Cody)", () => {
  it("matches R pnorm", () => {
    expectClose(normalCdf(1.959963984540054), 0.975, 1e-15);
    expectClose(normalCdf(-10), 7.6198530241605269e-24, 1e-14);
    expectClose(normalCdf(-37), 5.7255712225245771e-300, 1e-13);
    expectClose(normalCdf(0.3), 0.61791142218895267, 1e-15);
    expectClose(normalCdf(-1.5), 0.066807201268858071, 1e-15);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(NaN)).toBeNaN();
  });
  it("upper tail is accurate and symmetric", () => {
    expectClose(normalSurvival(10), 7.6198530241605269e-24, 1e-14);
    fc.assert(
      fc.property(fc.double({min: -30, max: 30, noNaN: true}), (x) => {
        expectClose(normalCdf(x) + normalSurvival(x), 1, 1e-15, 1e-15);
        const c = normalCdf(x);
        expect(c >= 0 && c <= 1).toBe(true);
      })
    );
  });
  it("is monotone (property)", () => {
    fc.assert(
      fc.property(fc.double({min: -40, max: 40, noNaN: true}), fc.double({min: 0, max: 5, noNaN: true}), (x, d) => {
        expect(normalCdf(x + d)).toBeGreaterThanOrEqual(normalCdf(x));
      })
    );
  });
  it("density", () => {
    expectClose(normalPdf(0), 0.3989422804014327, 1e-15);
    expectClose(normalPdf(2), 0.05399096651318806, 1e-14);
  });
});

noteIfNoR("normal distribution grid");
describe.skipIf(!hasR)("normal vs R (grid)", () => {
  it("pnorm and qnorm agree to ~1e-14 relative", () => {
    const xs = Array.from({length: 161}, (_, i) => -38 + i * 0.475);
    const ps = [
      1e-300, 1e-100, 1e-20, 1e-8, 0.001, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.49, 0.5, 0.51, 0.7, 0.9, 0.975, 0.99,
      0.999, 0.9999999
    ];
    const r = runR(`x <- c(${xs.join(",")}); p <- c(${ps.join(",")}); emit(list(pnorm = pnorm(x), qnorm = qnorm(p)))`);
    vec(r, "pnorm").forEach((v, i) => expectClose(normalCdf(xs[i]), v, 1e-13, 1e-300, `pnorm(${xs[i]})`));
    vec(r, "qnorm").forEach((v, i) => expectClose(normalQuantile(ps[i]), v, 1e-14, 1e-15, `qnorm(${ps[i]})`));
  });
});
