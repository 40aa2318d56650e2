import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {gammaDensity, gammaP, gammaQ} from "../../../loaders/stats/distributions/incomplete-gamma.ts";
import {hasR, noteIfNoR, runR, vec} from "../../r/r.ts";
import {expectClose} from "../helpers.ts";

describe("regularized incomplete gamma", () => {
  it("closed forms", () => {
    // P(1, x) = 1 − e^{−x};  P(½, x) = erf(√x): P(½, ½) = erf(0.7071…) = 0.6826894921370859
    expectClose(gammaP(1, 1), 1 - Math.exp(-1), 1e-15);
    expectClose(gammaQ(1, 20), Math.exp(-20), 1e-14);
    expectClose(gammaP(0.5, 0.5), 0.68268949213708596, 1e-14);
    // P(3, 2) = 1 − e^{-2}(1 + 2 + 2)
    expectClose(gammaP(3, 2), 1 - 5 * Math.exp(-2), 1e-15);
  });
  it("matches R pgamma", () => {
    expectClose(gammaP(10, 30), 0.99999287824913718, 1e-15);
    expectClose(gammaQ(10, 30), 7.1217508628155784e-6, 1e-13);
    expectClose(gammaP(2, 1e-3), 4.9966679163334028e-7, 1e-13);
  });
  it("edge cases", () => {
    expect(gammaP(2, 0)).toBe(0);
    expect(gammaQ(2, 0)).toBe(1);
    expect(gammaP(2, Infinity)).toBe(1);
    expect(gammaP(0, 1)).toBeNaN();
    expect(gammaP(1, -1)).toBeNaN();
    expect(gammaDensity(1, 0)).toBe(1);
  });
  it("P + Q = 1 and P increases in x (property)", () => {
    fc.assert(
      fc.property(
        fc.double({min: 0.01, max: 500, noNaN: true}),
        fc.double({min: 0, max: 1000, noNaN: true}),
        (a, x) => {
          const p = gammaP(a, x);
          const q = gammaQ(a, x);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          expectClose(p + q, 1, 1e-13, 1e-13);
          expect(gammaP(a, x * 1.01 + 1e-9)).toBeGreaterThanOrEqual(p);
        }
      )
    );
  });
});

noteIfNoR("pgamma grid");
describe.skipIf(!hasR)("incomplete gamma vs R (grid)", () => {
  it("P and Q agree to 1e-12 relative", () => {
    const as = [0.05, 0.5, 1, 2.5, 9.9, 10, 37, 150, 2000];
    const fs = [0.01, 0.3, 0.8, 1, 1.2, 2, 5];
    const pairs = as.flatMap((a) => fs.map((f) => [a, a * f] as const));
    const r = runR(
      `a <- c(${pairs.map((p) => p[0]).join(",")}); x <- c(${pairs.map((p) => p[1]).join(",")}); ` +
        `emit(list(p = pgamma(x, a), q = pgamma(x, a, lower.tail = FALSE)))`
    );
    vec(r, "p").forEach((v, i) => expectClose(gammaP(pairs[i][0], pairs[i][1]), v, 1e-12, 1e-300, `P(${pairs[i]})`));
    vec(r, "q").forEach((v, i) => expectClose(gammaQ(pairs[i][0], pairs[i][1]), v, 1e-12, 1e-300, `Q(${pairs[i]})`));
  });
});
