import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {riskRatio} from "../../loaders/stats/risk-ratio.ts";
import {normalQuantile} from "../../loaders/stats/distributions/normal.ts";
import {hasR, noteIfNoR, runR, vec} from "../r/r.ts";
import {expectClose} from "./helpers.ts";

describe("riskRatio (Katz log interval)", () => {
  it("crude tolbutamide UGDP data: 30/204 vs 21/205", () => {
    const r = riskRatio(30, 204, 21, 205);
    expectClose(r.estimate, 30 / 204 / (21 / 205), 1e-14);
    const se = Math.sqrt(1 / 30 - 1 / 204 + 1 / 21 - 1 / 205);
    const z = normalQuantile(0.975);
    expectClose(r.lower, r.estimate * Math.exp(-z * se), 1e-14);
    expectClose(r.upper, r.estimate * Math.exp(z * se), 1e-14);
    expect(r.estimate).toBeCloseTo(1.4356, 4);
    expect(r.lower).toBeCloseTo(0.851, 3);
    expect(r.upper).toBeCloseTo(2.4216, 4);
  });
  it("zero cells: 0.5-corrected interval, boundary estimate included", () => {
    const a = riskRatio(0, 10, 5, 10);
    expect(a.estimate).toBe(0);
    expect(a.lower).toBe(0);
    const se = Math.sqrt(1 / 0.5 - 1 / 11 + 1 / 5.5 - 1 / 11);
    expectClose(a.upper, (0.5 / 11 / (5.5 / 11)) * Math.exp(normalQuantile(0.975) * se), 1e-14);
    const b = riskRatio(5, 10, 0, 10);
    expect(b.estimate).toBe(Infinity);
    expect(b.upper).toBe(Infinity);
    expectClose(b.lower, 1 / a.upper, 1e-14);
    const c = riskRatio(0, 10, 0, 12);
    expect(c.estimate).toBeNaN();
    expect([c.lower, c.upper]).toEqual([0, Infinity]);
    const d = riskRatio(0, 0, 3, 12);
    expect(d.estimate).toBeNaN();
    expect([d.lower, d.upper]).toEqual([0, Infinity]);
  });
  it("x = n cells are fine (finite variance)", () => {
    const r = riskRatio(10, 10, 5, 10);
    expect(r.estimate).toBe(2);
    expect(Number.isFinite(r.lower) && Number.isFinite(r.upper)).toBe(true);
  });
  it("validates its inputs", () => {
    expect(() => riskRatio(11, 10, 5, 10)).toThrow(RangeError);
    expect(() => riskRatio(1, 10, 5, -10)).toThrow(RangeError);
    expect(() => riskRatio(1, 10, 5, 10, {level: 1.5})).toThrow(RangeError);
  });
  it("properties: lower ≤ estimate ≤ upper, and swapping groups inverts the ratio", () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 5000}),
        fc.integer({min: 1, max: 5000}),
        fc.double({min: 0, max: 1, noNaN: true}),
        fc.double({min: 0, max: 1, noNaN: true}),
        (n1, n2, f1, f2) => {
          const x1 = Math.floor(f1 * n1);
          const x2 = Math.floor(f2 * n2);
          const r = riskRatio(x1, n1, x2, n2);
          if (Number.isNaN(r.estimate)) return;
          expect(0 <= r.lower && r.lower <= r.estimate && r.estimate <= r.upper).toBe(true);
          const s = riskRatio(x2, n2, x1, n1);
          expectClose(s.estimate, 1 / r.estimate, 1e-12, 0);
          expectClose(s.lower, 1 / r.upper, 1e-12, 0);
          expectClose(s.upper, 1 / r.lower, 1e-12, 0);
        }
      )
    );
  });
});

noteIfNoR("risk ratio formula");
describe.skipIf(!hasR)("riskRatio vs R", () => {
  it("agrees with the Katz formula evaluated in R (1e-12)", () => {
    const cases = [
      [30, 204, 21, 205],
      [8, 106, 5, 120],
      [22, 98, 16, 85],
      [1, 3, 2, 1000]
    ];
    const r = runR(
      `k <- function(a, n1, b, n2, lv) { rr <- (a/n1)/(b/n2); se <- sqrt(1/a - 1/n1 + 1/b - 1/n2); z <- qnorm(1 - (1 - lv)/2); c(rr, rr*exp(-z*se), rr*exp(z*se)) }
emit(list(${cases.map(([a, b, c, d], i) => `c${i} = k(${a}, ${b}, ${c}, ${d}, 0.9)`).join(", ")}))`
    );
    cases.forEach(([a, b, c, d], i) => {
      const [e, lo, up] = vec(r, `c${i}`);
      const ours = riskRatio(a, b, c, d, {level: 0.9});
      expectClose(ours.estimate, e, 1e-12);
      expectClose(ours.lower, lo, 1e-12);
      expectClose(ours.upper, up, 1e-12);
    });
  });
});
