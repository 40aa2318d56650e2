import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {bd0, logBeta, logGamma, stirlingError} from "../../../loaders/stats/distributions/log-gamma.ts";
import {hasR, noteIfNoR, runR, vec} from "../../r/r.ts";
import {expectClose} from "../helpers.ts";

describe("logGamma", () => {
  it("matches exact values", () => {
    expectClose(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-14);
    // Absolute error ≈ 5e-15 near the roots x = 1, 2 (see module comment).
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
    let factorial = 1;
    for (let n = 1; n <= 30; n++) {
      factorial *= n;
      expectClose(logGamma(n + 1), Math.log(factorial), 1e-14, 1e-14, `ln ${n}!`);
    }
  });
  it("matches R lgamma", () => {
    expectClose(logGamma(0.1), 2.252712651734206, 1e-14);
    expectClose(logGamma(25.5), 56.389167643719929, 1e-15);
    expectClose(logGamma(171.5), 709.14316303092835, 1e-15);
    expectClose(logGamma(1e6), 12815504.569147611, 1e-15);
  });
  it("edge cases", () => {
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-1)).toBeNaN();
    expect(logGamma(NaN)).toBeNaN();
    expect(logGamma(Infinity)).toBe(Infinity);
  });
  it("satisfies the recurrence ln Γ(x+1) = ln Γ(x) + ln x (property)", () => {
    fc.assert(
      fc.property(fc.double({min: 1e-3, max: 1e5, noNaN: true}), (x) => {
        expectClose(logGamma(x + 1), logGamma(x) + Math.log(x), 1e-12, 1e-13);
      })
    );
  });
  it("logBeta, stirlingError and bd0", () => {
    expectClose(logBeta(2, 3), Math.log(1 / 12), 1e-14);
    expectClose(stirlingError(20), logGamma(20) - (19.5 * Math.log(20) - 20 + 0.5 * Math.log(2 * Math.PI)), 1e-10);
    expectClose(bd0(10, 12), 10 * Math.log(10 / 12) + 2, 1e-13);
    expect(bd0(5, 5)).toBe(0);
  });
});

noteIfNoR("lgamma grid");
describe.skipIf(!hasR)("logGamma vs R (grid)", () => {
  it("agrees to 1e-14 absolute/relative", () => {
    const xs = [1e-10, 1e-3, 0.05, 0.3, 0.9, 1.1, 1.7, 2.5, 3.3, 7.9, 14.99, 15, 15.01, 33.3, 120.7, 1234.5, 98765.4];
    const r = runR(`emit(list(v = lgamma(c(${xs.join(",")}))))`);
    vec(r, "v").forEach((v, i) => expectClose(logGamma(xs[i]), v, 1e-14, 1e-14, `lgamma(${xs[i]})`));
  });
});
