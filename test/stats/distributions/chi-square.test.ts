import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {
  chiSquareCdf,
  chiSquareQuantile,
  chiSquareQuantileUpper,
  chiSquareSurvival
} from "../../../loaders/stats/distributions/chi-square.ts";
import {hasR, noteIfNoR, runR, vec} from "../../r/r.ts";
import {expectClose} from "../helpers.ts";

describe("chi-square", () => {
  it("critical values (published tables: 3.841459, 5.991465, 29.588)", () => {
    expectClose(chiSquareSurvival(3.841459, 1), 0.05, 1e-6);
    expectClose(chiSquareSurvival(5.991465, 2), 0.05, 1e-6);
    expectClose(chiSquareSurvival(3.841458820694124, 1), 0.049999999999999975, 1e-13);
    expectClose(chiSquareSurvival(5.991464547107979, 2), 0.050000000000000072, 1e-13);
    expectClose(chiSquareQuantile(0.95, 1), 3.841458820694124, 1e-14);
    expectClose(chiSquareQuantile(0.95, 2), 5.9914645471079799, 1e-14);
    expectClose(chiSquareQuantileUpper(0.001, 10), 29.588298445074418, 1e-13);
    expectClose(chiSquareQuantile(1e-8, 3), 1.122333097305001e-5, 1e-12);
    expectClose(chiSquareSurvival(100, 50), 3.4549313829848641e-5, 1e-13);
  });
  it("two degrees of freedom is exponential: P(χ²₂ > x) = e^{−x/2}", () => {
    fc.assert(
      fc.property(fc.double({min: 0, max: 1400, noNaN: true}), (x) => {
        expectClose(chiSquareSurvival(x, 2), Math.exp(-x / 2), 1e-13, 1e-300);
      })
    );
  });
  it("survdiff p-value for the AML data (χ² = 3.396, 1 df → p = 0.0653)", () => {
    expect(chiSquareSurvival(3.3963886989776011, 1)).toBeCloseTo(0.0653393220405051, 13);
  });
  it("edge cases", () => {
    expect(chiSquareCdf(-1, 3)).toBe(0);
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareCdf(1, 0)).toBeNaN();
    expect(chiSquareQuantile(0.5, -1)).toBeNaN();
  });
});

noteIfNoR("pchisq grid");
describe.skipIf(!hasR)("chi-square vs R (grid)", () => {
  it("agrees to 1e-12 relative", () => {
    const dfs = [1, 2, 3, 5, 10, 30, 100];
    const xs = [0.001, 0.5, 2, 3.84, 10, 50, 200];
    const pairs = dfs.flatMap((df) => xs.map((x) => [df, x] as const));
    const r = runR(
      `df <- c(${pairs.map((p) => p[0]).join(",")}); x <- c(${pairs.map((p) => p[1]).join(",")}); ` +
        `emit(list(q = pchisq(x, df, lower.tail = FALSE), p = pchisq(x, df)))`
    );
    vec(r, "q").forEach((v, i) =>
      expectClose(chiSquareSurvival(pairs[i][1], pairs[i][0]), v, 1e-12, 1e-300, `Q(${pairs[i]})`)
    );
    vec(r, "p").forEach((v, i) =>
      expectClose(chiSquareCdf(pairs[i][1], pairs[i][0]), v, 1e-12, 1e-300, `P(${pairs[i]})`)
    );
  });
});
