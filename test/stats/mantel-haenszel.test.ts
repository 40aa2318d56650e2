import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {mantelHaenszel, type Stratum} from "../../loaders/stats/mantel-haenszel.ts";
import {riskRatio} from "../../loaders/stats/risk-ratio.ts";
import {hasRPackage, runR, vec} from "../r/r.ts";
import {expectClose, mulberry32} from "./helpers.ts";

// Tolbutamide (UGDP) vs placebo, deaths by age stratum: Rothman, Greenland &
// Lash, Modern Epidemiology 3rd ed. (2008), Table 15-2.
const UGDP: Stratum[] = [
  {x1: 8, n1: 106, x2: 5, n2: 120}, // age < 55
  {x1: 22, n1: 98, x2: 16, n2: 85} // age ≥ 55
];

describe("mantelHaenszel", () => {
  it("tolbutamide data: RR_MH = 1.33, RD_MH = 0.035 (Modern Epidemiology 3rd ed., ch. 15)", () => {
    const r = mantelHaenszel(UGDP);
    expect(r.riskRatio.estimate).toBeCloseTo(1.33, 2);
    expect(r.riskDifference.estimate).toBeCloseTo(0.035, 3);
    // Exact values, first principles (identical in R metafor::rma.mh 3.8-1):
    expectClose(r.riskRatio.estimate, 1.3255553241551052, 1e-12);
    expectClose(r.riskRatio.lower, 0.7979070401464857, 1e-10);
    expectClose(r.riskRatio.upper, 2.2021323650351112, 1e-10);
    expectClose(r.riskDifference.estimate, 0.03490026933691816, 1e-12);
    expectClose(r.riskDifference.lower, -0.02762784601222891, 1e-10);
    expectClose(r.riskDifference.upper, 0.09742838468606523, 1e-10);
  });
  it("tolbutamide data, 90% limits (the level used in Modern Epidemiology's examples)", () => {
    const r = mantelHaenszel(UGDP, {level: 0.9});
    expectClose(r.riskRatio.lower, 0.8657532117219445, 1e-10);
    expectClose(r.riskRatio.upper, 2.029558647436212, 1e-10);
    expectClose(r.riskDifference.lower, -0.017574979254254462, 1e-10);
    expectClose(r.riskDifference.upper, 0.08737551792809078, 1e-10);
  });
  it("hand computation of the Greenland–Robins and Sato variances", () => {
    // R = Σ a N0/T, S = Σ b N1/T, W = Σ N1 N0/T
    const R = (8 * 120) / 226 + (22 * 85) / 183;
    const S = (5 * 106) / 226 + (16 * 98) / 183;
    const W = (106 * 120) / 226 + (98 * 85) / 183;
    const gr = ((13 * 106 * 120) / 226 ** 2 - (8 * 5) / 226 + (38 * 98 * 85) / 183 ** 2 - (22 * 16) / 183) / (R * S);
    const rd = ((8 * 120 - 5 * 106) / 226 + (22 * 85 - 16 * 98) / 183) / W;
    const P =
      (106 ** 2 * 5 - 120 ** 2 * 8 + (106 * 120 * (120 - 106)) / 2) / 226 ** 2 +
      (98 ** 2 * 16 - 85 ** 2 * 22 + (98 * 85 * (85 - 98)) / 2) / 183 ** 2;
    const Q = (8 * (120 - 5) + 5 * (106 - 8)) / (2 * 226) + (22 * (85 - 16) + 16 * (98 - 22)) / (2 * 183);
    const sato = (rd * P + Q) / W ** 2;
    const r = mantelHaenszel(UGDP);
    const z = 1.959963984540054;
    expectClose(r.riskRatio.estimate, R / S, 1e-14);
    expectClose(r.riskRatio.upper, (R / S) * Math.exp(z * Math.sqrt(gr)), 1e-12);
    expectClose(r.riskDifference.upper, rd + z * Math.sqrt(sato), 1e-12);
  });
  it("a single stratum reduces to the crude Katz interval", () => {
    const r = mantelHaenszel([{x1: 30, n1: 204, x2: 21, n2: 205}]);
    const k = riskRatio(30, 204, 21, 205);
    expectClose(r.riskRatio.estimate, k.estimate, 1e-14);
    expectClose(r.riskRatio.lower, k.lower, 1e-12);
    expectClose(r.riskRatio.upper, k.upper, 1e-12);
  });
  it("zero margins and empty strata", () => {
    const zeroExposed = mantelHaenszel([{x1: 0, n1: 10, x2: 3, n2: 10}]);
    expect(zeroExposed.riskRatio.estimate).toBe(0);
    expect(zeroExposed.riskRatio.lower).toBeNaN();
    const noCases = mantelHaenszel([{x1: 0, n1: 10, x2: 0, n2: 10}]);
    expect(noCases.riskRatio.estimate).toBeNaN();
    expect(noCases.riskDifference.estimate).toBe(0);
    const empty = mantelHaenszel([{x1: 0, n1: 0, x2: 0, n2: 0}, ...UGDP]);
    expect(empty).toEqual(mantelHaenszel(UGDP));
    const oneSided = mantelHaenszel([{x1: 2, n1: 10, x2: 0, n2: 0}]);
    expect(oneSided.riskDifference.estimate).toBeNaN();
  });
  it("validates its inputs", () => {
    expect(() => mantelHaenszel([])).toThrow(RangeError);
    expect(() => mantelHaenszel([{x1: 11, n1: 10, x2: 0, n2: 5}])).toThrow(RangeError);
    expect(() => mantelHaenszel(UGDP, {level: 0})).toThrow(RangeError);
  });
  it("properties: ordering, and swapping groups inverts RR / mirrors RD", () => {
    const stratum = fc
      .record({
        n1: fc.integer({min: 1, max: 300}),
        n2: fc.integer({min: 1, max: 300}),
        f1: fc.double({min: 0, max: 1, noNaN: true}),
        f2: fc.double({min: 0, max: 1, noNaN: true})
      })
      .map(({n1, n2, f1, f2}) => ({x1: Math.floor(f1 * n1), n1, x2: Math.floor(f2 * n2), n2}));
    fc.assert(
      fc.property(fc.array(stratum, {minLength: 1, maxLength: 8}), (strata) => {
        const r = mantelHaenszel(strata);
        const s = mantelHaenszel(strata.map(({x1, n1, x2, n2}) => ({x1: x2, n1: n2, x2: x1, n2: n1})));
        const {riskRatio: rr, riskDifference: rd} = r;
        expect(rd.lower <= rd.estimate && rd.estimate <= rd.upper).toBe(true);
        expectClose(s.riskDifference.estimate, -rd.estimate, 1e-12, 1e-12);
        expectClose(s.riskDifference.lower, -rd.upper, 1e-10, 1e-12);
        if (Number.isFinite(rr.lower)) {
          expect(rr.lower <= rr.estimate && rr.estimate <= rr.upper).toBe(true);
          expectClose(s.riskRatio.estimate, 1 / rr.estimate, 1e-12, 0);
          expectClose(s.riskRatio.lower, 1 / rr.upper, 1e-10, 0);
        }
      })
    );
  });
});

const hasMetafor = hasRPackage("metafor");
if (!hasMetafor) console.warn("[stats tests] R package 'metafor' not found: skipping Mantel–Haenszel cross-check.");
describe.skipIf(!hasMetafor)("mantelHaenszel vs R metafor::rma.mh", () => {
  it("agrees to 1e-9 on random strata", () => {
    const random = mulberry32(20240611);
    const strata: Stratum[] = Array.from({length: 7}, () => {
      const n1 = 20 + Math.floor(random() * 200);
      const n2 = 20 + Math.floor(random() * 200);
      return {x1: 1 + Math.floor(random() * (n1 / 3)), n1, x2: 1 + Math.floor(random() * (n2 / 4)), n2};
    });
    const col = (k: keyof Stratum) => `c(${strata.map((s) => s[k]).join(",")})`;
    const r = runR(
      `suppressPackageStartupMessages(library(metafor))
a <- ${col("x1")}; n1 <- ${col("n1")}; b <- ${col("x2")}; n2 <- ${col("n2")}
rr <- rma.mh(ai = a, n1i = n1, ci = b, n2i = n2, measure = "RR")
rd <- rma.mh(ai = a, n1i = n1, ci = b, n2i = n2, measure = "RD")
emit(list(rr = exp(c(rr$b, rr$ci.lb, rr$ci.ub)), rd = c(rd$b, rd$ci.lb, rd$ci.ub)))`
    );
    const ours = mantelHaenszel(strata);
    const [rr, rrl, rru] = vec(r, "rr");
    const [rd, rdl, rdu] = vec(r, "rd");
    expectClose(ours.riskRatio.estimate, rr, 1e-9);
    expectClose(ours.riskRatio.lower, rrl, 1e-9);
    expectClose(ours.riskRatio.upper, rru, 1e-9);
    expectClose(ours.riskDifference.estimate, rd, 1e-9);
    expectClose(ours.riskDifference.lower, rdl, 1e-9);
    expectClose(ours.riskDifference.upper, rdu, 1e-9);
  });
});
