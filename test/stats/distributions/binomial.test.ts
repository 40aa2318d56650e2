import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {
  binomialCdf,
  binomialPmf,
  binomialQuantile,
  binomialSurvival
} from "../../../loaders/stats/distributions/binomial.ts";
import {hasR, noteIfNoR, runR, vec} from "../../r/r.ts";
import {expectClose} from "../helpers.ts";

function bruteForceCdf(k: number, n: number, p: number): number {
  let sum = 0;
  let choose = 1;
  for (let j = 0; j <= k; j++) {
    sum += choose * p ** j * (1 - p) ** (n - j);
    choose = (choose * (n - j)) / (j + 1);
  }
  return sum;
}

describe("binomial distribution", () => {
  it("exact small cases", () => {
    expectClose(binomialCdf(3, 10, 0.5), 176 / 1024, 1e-14);
    expectClose(binomialPmf(2, 4, 0.5), 0.375, 1e-14);
    expectClose(binomialCdf(0, 10, 0.1), 0.9 ** 10, 1e-14);
  });
  it("matches R pbinom/qbinom", () => {
    expectClose(binomialCdf(5, 20, 0.3), 0.41637082944748133, 1e-14);
    expectClose(binomialCdf(0, 10, 0.1), 0.34867844010000032, 1e-14);
    expectClose(binomialCdf(50, 100, 0.5), 0.53979461869358913, 1e-14);
    expectClose(binomialCdf(700, 1000, 0.72), 0.085495092951321794, 1e-12);
    expect(binomialQuantile(0.025, 50, 0.3)).toBe(9);
    expect(binomialQuantile(0.999, 200, 0.05)).toBe(21);
    expect(binomialQuantile(0.975, 100, 0.2)).toBe(28);
  });
  it("edge cases", () => {
    expect(binomialCdf(-1, 10, 0.3)).toBe(0);
    expect(binomialCdf(10, 10, 0.3)).toBe(1);
    expect(binomialCdf(3, 10, 0)).toBe(1);
    expect(binomialCdf(3, 10, 1)).toBe(0);
    expect(binomialPmf(0, 0, 0.4)).toBe(1);
    expect(binomialPmf(2.5, 10, 0.4)).toBe(0);
    expect(binomialCdf(3, 10, 1.5)).toBeNaN();
    expect(binomialCdf(3, 10.5, 0.5)).toBeNaN();
    expect(binomialQuantile(0, 10, 0.3)).toBe(0);
    expect(binomialQuantile(1, 10, 0.3)).toBe(10);
  });
  it("agrees with direct summation, and the quantile is the left-continuous inverse (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 60}),
        fc.double({min: 0.001, max: 0.999, noNaN: true}),
        fc.double({min: 0.001, max: 0.999, noNaN: true}),
        (n, p, q) => {
          const k = Math.floor(q * n);
          expectClose(binomialCdf(k, n, p), bruteForceCdf(k, n, p), 1e-11, 1e-14);
          expectClose(binomialCdf(k, n, p) + binomialSurvival(k, n, p), 1, 1e-14, 1e-14);
          const r = binomialQuantile(q, n, p);
          expect(binomialCdf(r, n, p)).toBeGreaterThanOrEqual(q);
          if (r > 0) expect(binomialCdf(r - 1, n, p)).toBeLessThan(q);
        }
      )
    );
  });
});

noteIfNoR("binomial grid");
describe.skipIf(!hasR)("binomial vs R (grid)", () => {
  it("pbinom/dbinom agree to 1e-12, qbinom exactly", () => {
    const cases = [
      [3, 10, 0.3],
      [17, 40, 0.5],
      [0, 5, 0.9],
      [120, 1000, 0.1],
      [2500, 5000, 0.51],
      [9, 10, 0.99],
      [30, 2000, 0.02]
    ];
    const qs = [0.001, 0.025, 0.5, 0.975, 0.999];
    const r = runR(
      `k <- c(${cases.map((c) => c[0]).join(",")}); n <- c(${cases.map((c) => c[1]).join(",")}); p <- c(${cases.map((c) => c[2]).join(",")}); ` +
        `emit(list(cdf = pbinom(k, n, p), pmf = dbinom(k, n, p), q = as.vector(sapply(c(${qs.join(",")}), function(q) qbinom(q, n, p)))))`
    );
    vec(r, "cdf").forEach((v, i) => expectClose(binomialCdf(cases[i][0], cases[i][1], cases[i][2]), v, 1e-12, 1e-300));
    vec(r, "pmf").forEach((v, i) => expectClose(binomialPmf(cases[i][0], cases[i][1], cases[i][2]), v, 1e-12, 1e-300));
    const quantiles = vec(r, "q");
    qs.forEach((q, j) =>
      cases.forEach((c, i) =>
        expect(binomialQuantile(q, c[1], c[2]), `qbinom(${q}, ${c[1]}, ${c[2]})`).toBe(quantiles[j * cases.length + i])
      )
    );
  });
});
