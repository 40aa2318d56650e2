import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {wilson} from "../../loaders/stats/wilson.ts";
import {hasR, noteIfNoR, runR, vec} from "../r/r.ts";
import {expectClose, round} from "./helpers.ts";

describe("wilson", () => {
  it("reproduces Newcombe (1998a, Stat Med 17:857, Table I, method 3)", () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718]
    ];
    for (const [x, n, lo, up] of cases) {
      const r = wilson(x, n);
      expect(round(r.lower, 4), `${x}/${n} lower`).toBe(lo);
      expect(round(r.upper, 4), `${x}/${n} upper`).toBe(up);
      expect(r.estimate).toBe(x / n);
    }
  });
  it("x = 0 and x = n give exact 0 and 1 limits", () => {
    expect(wilson(0, 20).lower).toBe(0);
    expect(wilson(20, 20).upper).toBe(1);
    // symmetric: 20/20 → 1 − 0.1611
    expectClose(wilson(20, 20).lower, 1 - wilson(0, 20).upper, 1e-14);
  });
  it("n = 0 gives NaN with the uninformative interval [0, 1]", () => {
    const r = wilson(0, 0);
    expect(r.estimate).toBeNaN();
    expect(r.lower).toBe(0);
    expect(r.upper).toBe(1);
  });
  it("honours the level", () => {
    const a = wilson(15, 148, {level: 0.9});
    const b = wilson(15, 148, {level: 0.99});
    expect(a.upper - a.lower).toBeLessThan(b.upper - b.lower);
  });
  it("validates its inputs", () => {
    expect(() => wilson(5, 3)).toThrow(RangeError);
    expect(() => wilson(-1, 3)).toThrow(RangeError);
    expect(() => wilson(1.5, 3)).toThrow(RangeError);
    expect(() => wilson(1, 3, {level: 0})).toThrow(RangeError);
    expect(() => wilson(1, 3, {level: 1})).toThrow(RangeError);
    expect(() => wilson(1, 3, {level: NaN})).toThrow(RangeError);
  });
  it("properties: 0 ≤ lower ≤ estimate ≤ upper ≤ 1, and symmetry x ↔ n − x", () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 100000}),
        fc.double({min: 0, max: 1, noNaN: true}),
        fc.double({min: 0.5, max: 0.9999, noNaN: true}),
        (n, f, level) => {
          const x = Math.floor(f * n);
          const r = wilson(x, n, {level});
          expect(0 <= r.lower && r.lower <= r.estimate && r.estimate <= r.upper && r.upper <= 1).toBe(true);
          const m = wilson(n - x, n, {level});
          expectClose(m.lower, 1 - r.upper, 1e-12, 1e-12);
          expectClose(m.upper, 1 - r.lower, 1e-12, 1e-12);
        }
      )
    );
  });
});

noteIfNoR("wilson vs prop.test");
describe.skipIf(!hasR)("wilson vs R prop.test(correct = FALSE)", () => {
  it("agrees to 1e-9 relative", () => {
    const cases = [
      [81, 263],
      [15, 148],
      [0, 20],
      [1, 29],
      [29, 29],
      [0, 1],
      [1, 1],
      [3, 7],
      [500, 1000],
      [7, 12345]
    ];
    const levels = [0.95, 0.9, 0.998];
    const script = levels
      .map((lv, j) =>
        cases
          .map(
            ([x, n], i) =>
              `ci_${j}_${i} = as.vector(prop.test(${x}, ${n}, correct = FALSE, conf.level = ${lv})$conf.int)`
          )
          .join(", ")
      )
      .join(", ");
    const r = runR(`suppressWarnings(emit(list(${script})))`);
    levels.forEach((level, j) =>
      cases.forEach(([x, n], i) => {
        const [lo, up] = vec(r, `ci_${j}_${i}`);
        const ours = wilson(x, n, {level});
        expectClose(ours.lower, lo, 1e-9, 1e-14, `${x}/${n} @${level} lower`);
        expectClose(ours.upper, up, 1e-9, 1e-14, `${x}/${n} @${level} upper`);
      })
    );
  });
});
