import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {gammaP, gammaQ} from "../../../loaders/stats/distributions/incomplete-gamma.ts";
import {gammaQuantile, gammaQuantileUpper} from "../../../loaders/stats/distributions/gamma-quantile.ts";
import {hasR, noteIfNoR, runR, vec} from "../../r/r.ts";
import {expectClose} from "../helpers.ts";

describe("gammaQuantile", () => {
  it("matches R qgamma", () => {
    expectClose(gammaQuantile(0.025, 5), 1.6234863901184207, 1e-14);
    expectClose(gammaQuantile(0.5, 0.05), 5.5738784407462583e-7, 1e-12);
    expectClose(gammaQuantile(0.99, 500), 553.48449717610868, 1e-14);
    // Garwood limits for O = 10 (4.7954, 18.3904)
    expectClose(gammaQuantile(0.025, 10), 4.7953886961324335, 1e-13);
    expectClose(gammaQuantileUpper(0.025, 11), 18.390356042017778, 1e-13);
  });
  it("scale parameter and edge cases", () => {
    expectClose(gammaQuantile(0.3, 2, 3), 3 * gammaQuantile(0.3, 2), 1e-15);
    expect(gammaQuantile(0, 2)).toBe(0);
    expect(gammaQuantile(1, 2)).toBe(Infinity);
    expect(gammaQuantile(0.5, 0)).toBeNaN();
    expect(gammaQuantile(1.5, 1)).toBeNaN();
  });
  it("inverts P and Q (property)", () => {
    fc.assert(
      fc.property(
        fc.double({min: 0.1, max: 2000, noNaN: true}),
        fc.double({min: 1e-10, max: 1 - 1e-10, noNaN: true}),
        (a, p) => {
          const x = gammaQuantile(p, a);
          expectClose(gammaP(a, x), p, 1e-10, 1e-14);
          const y = gammaQuantileUpper(p, a);
          expectClose(gammaQ(a, y), p, 1e-10, 1e-14);
        }
      )
    );
  });
});

noteIfNoR("qgamma grid");
describe.skipIf(!hasR)("gammaQuantile vs R (grid)", () => {
  it("agrees to 1e-12 relative", () => {
    const as = [0.1, 0.5, 1, 3, 10, 55.5, 400];
    const ps = [1e-10, 0.001, 0.025, 0.5, 0.975, 0.999];
    const pairs = as.flatMap((a) => ps.map((p) => [a, p] as const));
    const r = runR(
      `emit(list(v = qgamma(c(${pairs.map((x) => x[1]).join(",")}), c(${pairs.map((x) => x[0]).join(",")}))))`
    );
    vec(r, "v").forEach((v, i) =>
      expectClose(gammaQuantile(pairs[i][1], pairs[i][0]), v, 1e-12, 1e-300, `qgamma(${pairs[i]})`)
    );
  });
});
