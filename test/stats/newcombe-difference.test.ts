import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {newcombeDifference} from "../../loaders/stats/newcombe-difference.ts";
import {hasR, noteIfNoR, runR, vec} from "../r/r.ts";
import {expectClose, round} from "./helpers.ts";

describe("newcombeDifference (method 10)", () => {
  it("reproduces Newcombe (1998b, Stat Med 17:873, Table II, method 10)", () => {
    // (c) 6/7 − 2/7 is 0.0582 to 0.8062 in the paper's method-10 column (and by the formula).
    const cases: [number, number, number, number, number, number][] = [
      [56, 70, 48, 80, 0.0524, 0.3339],
      [9, 10, 3, 10, 0.1705, 0.809],
      [6, 7, 2, 7, 0.0582, 0.8062],
      [5, 56, 0, 29, -0.0381, 0.1926],
      [0, 10, 0, 20, -0.1611, 0.2775],
      [10, 10, 0, 20, 0.6791, 1]
    ];
    for (const [x1, n1, x2, n2, lo, up] of cases) {
      const r = newcombeDifference(x1, n1, x2, n2);
      expect(round(r.lower, 4), `${x1}/${n1} − ${x2}/${n2} lower`).toBe(lo);
      expect(round(r.upper, 4), `${x1}/${n1} − ${x2}/${n2} upper`).toBe(up);
      expectClose(r.estimate, x1 / n1 - x2 / n2, 1e-15, 1e-15);
    }
  });
  it("empty groups give NaN with [−1, 1]", () => {
    const r = newcombeDifference(0, 0, 3, 10);
    expect(r.estimate).toBeNaN();
    expect([r.lower, r.upper]).toEqual([-1, 1]);
  });
  it("validates its inputs", () => {
    expect(() => newcombeDifference(11, 10, 3, 10)).toThrow(RangeError);
    expect(() => newcombeDifference(1, 10, -3, 10)).toThrow(RangeError);
    expect(() => newcombeDifference(1, 10, 3, 10, {level: 2})).toThrow(RangeError);
  });
  it("properties: bounds, ordering and mirror symmetry when swapping groups", () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 5000}),
        fc.integer({min: 1, max: 5000}),
        fc.double({min: 0, max: 1, noNaN: true}),
        fc.double({min: 0, max: 1, noNaN: true}),
        (n1, n2, f1, f2) => {
          const x1 = Math.floor(f1 * n1);
          const x2 = Math.floor(f2 * n2);
          const r = newcombeDifference(x1, n1, x2, n2);
          expect(-1 <= r.lower && r.lower <= r.estimate && r.estimate <= r.upper && r.upper <= 1).toBe(true);
          const s = newcombeDifference(x2, n2, x1, n1);
          expectClose(s.estimate, -r.estimate, 1e-12, 1e-12);
          expectClose(s.lower, -r.upper, 1e-12, 1e-12);
          expectClose(s.upper, -r.lower, 1e-12, 1e-12);
        }
      )
    );
  });
});

noteIfNoR("Newcombe difference from prop.test Wilson limits");
describe.skipIf(!hasR)("newcombeDifference vs R (formula on prop.test limits)", () => {
  it("agrees to 1e-9", () => {
    const cases = [
      [56, 70, 48, 80],
      [9, 10, 3, 10],
      [6, 7, 2, 7],
      [5, 56, 0, 29],
      [0, 10, 0, 20],
      [10, 10, 0, 20],
      [123, 456, 78, 901]
    ];
    const body = cases.map(([x1, n1, x2, n2], i) => `c${i} = nd(${x1}, ${n1}, ${x2}, ${n2})`).join(", ");
    const r = runR(
      `w <- function(x, n) as.vector(suppressWarnings(prop.test(x, n, correct = FALSE)$conf.int))
nd <- function(x1, n1, x2, n2) { a <- w(x1, n1); b <- w(x2, n2); p1 <- x1/n1; p2 <- x2/n2; d <- p1 - p2
  c(d - sqrt((p1 - a[1])^2 + (b[2] - p2)^2), d + sqrt((a[2] - p1)^2 + (p2 - b[1])^2)) }
emit(list(${body}))`
    );
    cases.forEach(([x1, n1, x2, n2], i) => {
      const [lo, up] = vec(r, `c${i}`);
      const ours = newcombeDifference(x1, n1, x2, n2);
      expectClose(ours.lower, lo, 1e-9, 1e-12);
      expectClose(ours.upper, up, 1e-9, 1e-12);
    });
  });
});
