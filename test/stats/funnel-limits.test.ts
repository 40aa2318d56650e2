import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {funnelLimits} from "../../loaders/stats/funnel-limits.ts";
import {normalQuantile} from "../../loaders/stats/distributions/normal.ts";
import {hasR, noteIfNoR, runR, vec} from "../r/r.ts";
import {expectClose} from "./helpers.ts";

describe("funnelLimits", () => {
  it("exact limits (Spiegelhalter 2005, Appendix A.1.1) — values computed with R qbinom/pbinom/dbinom", () => {
    // r <- qbinom(p, n, p0); a <- (pbinom(r, n, p0) - p) / dbinom(r, n, p0); (r - a) / n
    const a = funnelLimits(0.2, 100);
    expectClose(a.lower, 0.1197422327150689, 1e-12);
    expectClose(a.upper, 0.2764760850335919, 1e-12);
    const b = funnelLimits(0.2, 100, {level: 0.998});
    expectClose(b.lower, 0.0809782525645995, 1e-12);
    expectClose(b.upper, 0.3267658515166419, 1e-12);
    const c = funnelLimits(0.03, 1000);
    expectClose(c.lower, 0.01935652897128, 1e-11);
    expectClose(c.upper, 0.0405334964302154, 1e-12);
  });
  it("normal approximation is p0 ± z √(p0(1 − p0)/n)", () => {
    const r = funnelLimits(0.2, 100, {method: "normal"});
    const z = normalQuantile(0.975);
    expectClose(r.lower, 0.2 - z * 0.04, 1e-14);
    expectClose(r.upper, 0.2 + z * 0.04, 1e-14);
    expectClose(r.lower, 0.121601440618398, 1e-12);
    const clamped = funnelLimits(0.01, 10, {method: "normal"});
    expect(clamped.lower).toBe(0);
  });
  it("exact and normal limits converge for large n", () => {
    const e = funnelLimits(0.3, 100000);
    const n = funnelLimits(0.3, 100000, {method: "normal"});
    expect(Math.abs(e.lower - n.lower)).toBeLessThan(2e-5);
    expect(Math.abs(e.upper - n.upper)).toBeLessThan(2e-5);
  });
  it("edge cases", () => {
    expect(funnelLimits(0, 50)).toEqual({lower: 0, upper: 0});
    expect(funnelLimits(1, 50)).toEqual({lower: 1, upper: 1});
    const empty = funnelLimits(0.3, 0);
    expect(empty.lower).toBeNaN();
    expect(empty.upper).toBeNaN();
    // Documented artefact of the interpolation for n·p0 ≤ ½: the upper limit can be below p0.
    expect(funnelLimits(0.001, 1)).toEqual({lower: 0, upper: 0});
    const tiny = funnelLimits(0.5, 1);
    expect(tiny.lower).toBe(0);
    expectClose(tiny.upper, 0.95, 1e-14);
  });
  it("validates its inputs", () => {
    expect(() => funnelLimits(1.2, 10)).toThrow(RangeError);
    expect(() => funnelLimits(0.2, -1)).toThrow(RangeError);
    expect(() => funnelLimits(0.2, 10.5)).toThrow(RangeError);
    expect(() => funnelLimits(0.2, 10.5, {method: "normal"})).not.toThrow();
    expect(() => funnelLimits(0.2, 10, {level: 0})).toThrow(RangeError);
    expect(() => funnelLimits(0.2, 10, {method: "poisson" as "exact"})).toThrow(RangeError);
  });
  it("properties: 0 ≤ lower ≤ p0 ≤ upper ≤ 1; wider at 99.8% than at 95%", () => {
    fc.assert(
      fc.property(
        fc.double({min: 0.001, max: 0.999, noNaN: true}),
        fc.integer({min: 1, max: 20000}),
        fc.constantFrom<"exact" | "normal">("exact", "normal"),
        (p0, n, method) => {
          const a = funnelLimits(p0, n, {method});
          const b = funnelLimits(p0, n, {method, level: 0.998});
          expect(0 <= a.lower && a.upper <= 1).toBe(true);
          // The interpolated limit can fall on the wrong side of p0 when n·min(p0, 1 − p0) ≤ 0.5.
          if (n * Math.min(p0, 1 - p0) > 0.5) expect(a.lower <= p0 && p0 <= a.upper).toBe(true);
          expect(b.lower).toBeLessThanOrEqual(a.lower);
          expect(b.upper).toBeGreaterThanOrEqual(a.upper);
        }
      )
    );
  });
});

noteIfNoR("funnel limits via qbinom/pbinom");
describe.skipIf(!hasR)("funnelLimits vs R (independent qbinom/pbinom/dbinom computation)", () => {
  it("agrees to 1e-10 on a grid of p0, n and levels", () => {
    const p0s = [0.02, 0.1, 0.35, 0.5, 0.8, 0.97];
    const ns = [1, 7, 30, 150, 999, 12000];
    const levels = [0.95, 0.998];
    const cases = p0s.flatMap((p0) => ns.flatMap((n) => levels.map((level) => [p0, n, level] as const)));
    const r = runR(
      `lim <- function(p, n, t) { r <- qbinom(p, n, t); a <- (pbinom(r, n, t) - p) / dbinom(r, n, t); pmin(1, pmax(0, (r - a) / n)) }
p0 <- c(${cases.map((c) => c[0]).join(",")}); n <- c(${cases.map((c) => c[1]).join(",")}); lv <- c(${cases.map((c) => c[2]).join(",")})
emit(list(lo = mapply(function(t, n, l) lim((1 - l)/2, n, t), p0, n, lv), up = mapply(function(t, n, l) lim(1 - (1 - l)/2, n, t), p0, n, lv),
  nlo = pmax(0, p0 + qnorm((1 - lv)/2) * sqrt(p0 * (1 - p0) / n)), nup = pmin(1, p0 + qnorm(1 - (1 - lv)/2) * sqrt(p0 * (1 - p0) / n))))`
    );
    cases.forEach(([p0, n, level], i) => {
      const e = funnelLimits(p0, n, {level});
      expectClose(e.lower, vec(r, "lo")[i], 1e-10, 1e-13, `exact lower ${p0} ${n} ${level}`);
      expectClose(e.upper, vec(r, "up")[i], 1e-10, 1e-13, `exact upper ${p0} ${n} ${level}`);
      const m = funnelLimits(p0, n, {level, method: "normal"});
      expectClose(m.lower, vec(r, "nlo")[i], 1e-12, 1e-14, `normal lower ${p0} ${n} ${level}`);
      expectClose(m.upper, vec(r, "nup")[i], 1e-12, 1e-14, `normal upper ${p0} ${n} ${level}`);
    });
  });
});
