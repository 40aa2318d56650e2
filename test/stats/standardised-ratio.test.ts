import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {standardisedRatio} from "../../loaders/stats/standardised-ratio.ts";
import {hasR, noteIfNoR, runR, vec} from "../r/r.ts";
import {expectClose} from "./helpers.ts";

describe("standardisedRatio (exact Poisson / Garwood)", () => {
  it("O = 10: limits 4.7954 – 18.3904 divided by E", () => {
    const r = standardisedRatio(10, 10);
    expect(r.estimate).toBe(1);
    expect(r.lower).toBeCloseTo(0.47954, 5);
    expect(r.upper).toBeCloseTo(1.83904, 5);
    const s = standardisedRatio(10, 4);
    expect(s.estimate).toBe(2.5);
    expect(s.lower * 4).toBeCloseTo(4.7954, 4);
    expect(s.upper * 4).toBeCloseTo(18.3904, 4);
  });
  it("O = 0 has lower limit 0 and upper −ln(α/2)/E", () => {
    const r = standardisedRatio(0, 2);
    expect(r).toMatchObject({estimate: 0, lower: 0});
    expectClose(r.upper, -Math.log(0.025) / 2, 1e-13);
  });
  it("E = 0 gives NaN", () => {
    const r = standardisedRatio(3, 0);
    expect([r.estimate, r.lower, r.upper].every(Number.isNaN)).toBe(true);
  });
  it("validates its inputs", () => {
    expect(() => standardisedRatio(-1, 2)).toThrow(RangeError);
    expect(() => standardisedRatio(1.5, 2)).toThrow(RangeError);
    expect(() => standardisedRatio(1, -2)).toThrow(RangeError);
    expect(() => standardisedRatio(1, Infinity)).toThrow(RangeError);
    expect(() => standardisedRatio(1, 2, {level: -0.5})).toThrow(RangeError);
  });
  it("properties: lower ≤ O/E ≤ upper; limits scale as 1/E", () => {
    fc.assert(
      fc.property(fc.integer({min: 0, max: 10000}), fc.double({min: 0.01, max: 1e5, noNaN: true}), (o, e) => {
        const r = standardisedRatio(o, e);
        expect(r.lower <= r.estimate && r.estimate <= r.upper).toBe(true);
        const one = standardisedRatio(o, 1);
        expectClose(r.upper, one.upper / e, 1e-12, 0);
      })
    );
  });
});

noteIfNoR("standardised ratio via qchisq");
describe.skipIf(!hasR)("standardisedRatio vs R qchisq", () => {
  it("agrees to 1e-12", () => {
    const cases = [
      [0, 1.5],
      [1, 0.7],
      [4, 2.2],
      [10, 10],
      [57, 43.1],
      [1234, 1100.5]
    ];
    const r = runR(
      `o <- c(${cases.map((c) => c[0]).join(",")}); e <- c(${cases.map((c) => c[1]).join(",")})
emit(list(lo = ifelse(o == 0, 0, qchisq(0.025, 2 * o) / 2) / e, up = qchisq(0.975, 2 * o + 2) / 2 / e))`
    );
    cases.forEach(([o, e], i) => {
      const ours = standardisedRatio(o, e);
      expectClose(ours.lower, vec(r, "lo")[i], 1e-12);
      expectClose(ours.upper, vec(r, "up")[i], 1e-12);
    });
  });
});
