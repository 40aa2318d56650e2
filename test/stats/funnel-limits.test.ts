import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {funnelLimits} from "../../loaders/stats/funnel-limits.ts";
import {oeFunnelLimits} from "../../loaders/stats/oe-funnel-limits.ts";
import {funnelOverdispersion} from "../../loaders/stats/funnel-overdispersion.ts";
import {poissonQuantile} from "../../loaders/stats/distributions/poisson.ts";
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

describe("oeFunnelLimits (Poisson O/E funnel around 1)", () => {
  it("exact limits: the worked example of the doc comment (R: qpois/ppois/dpois)", () => {
    const a = oeFunnelLimits(20);
    expectClose(a.lower, 0.560250051922, 1e-10);
    expectClose(a.upper, 1.437288433502, 1e-10);
  });
  it("random-effects limits are 1 ± z √(1/E + τ²), lower clamped at 0", () => {
    const a = oeFunnelLimits(20, {tau2: 0.01});
    expectClose(a.lower, 0.519908832364, 1e-10);
    expectClose(a.upper, 1.480091167636, 1e-10);
    expect(oeFunnelLimits(2, {tau2: 0.5, level: 0.998}).lower).toBe(0);
  });
  it("edge cases and validation", () => {
    expect(oeFunnelLimits(0).lower).toBeNaN();
    expect(() => oeFunnelLimits(-1)).toThrow(RangeError);
    expect(() => oeFunnelLimits(10, {tau2: -0.1})).toThrow(RangeError);
    expect(() => oeFunnelLimits(10, {level: 1})).toThrow(RangeError);
  });
  it("properties: lower ≤ 1 ≤ upper once E ≥ 1; 99.8 % wider than 95 %; narrower as E grows; widening only widens", () => {
    fc.assert(
      fc.property(
        fc.double({min: 1, max: 5000, noNaN: true}),
        fc.double({min: 0, max: 0.2, noNaN: true}),
        (E, tau2) => {
          const a = oeFunnelLimits(E);
          const b = oeFunnelLimits(E, {level: 0.998});
          expect(a.lower).toBeLessThanOrEqual(1);
          expect(a.upper).toBeGreaterThanOrEqual(1);
          expect(b.lower).toBeLessThanOrEqual(a.lower);
          expect(b.upper).toBeGreaterThanOrEqual(a.upper);
          const big = oeFunnelLimits(E * 4);
          expect(big.upper).toBeLessThanOrEqual(a.upper + 1e-12);
          const w = oeFunnelLimits(E, {tau2: tau2 + 1e-6});
          const n = oeFunnelLimits(E, {tau2: 1e-9});
          expect(w.upper).toBeGreaterThanOrEqual(n.upper);
        }
      )
    );
  });
});

describe("funnelOverdispersion (φ and DerSimonian–Laird τ²)", () => {
  const units = [
    {observed: 10, expected: 20},
    {observed: 20, expected: 20},
    {observed: 30, expected: 20},
    {observed: 40, expected: 40}
  ];
  it("the worked example of the doc comment", () => {
    const d = funnelOverdispersion(units, {winsor: 0});
    expect(d.units).toBe(4);
    expectClose(d.phi, 2.5, 1e-12);
    expectClose(d.tau2, 7 / 72, 1e-12);
    expectClose(d.p, 0.018566135463, 1e-9);
  });
  it("no extra variation: τ² = 0; units with E = 0 left out; too few units", () => {
    const d = funnelOverdispersion([
      {observed: 20, expected: 20},
      {observed: 21, expected: 20},
      {observed: 19, expected: 20},
      {observed: 0, expected: 0}
    ]);
    expect(d.units).toBe(3);
    expect(d.tau2).toBe(0);
    expect(funnelOverdispersion([{observed: 3, expected: 2}]).phi).toBeNaN();
    expect(() => funnelOverdispersion(units, {winsor: 0.5})).toThrow(RangeError);
    expect(() => funnelOverdispersion([{observed: 1.5, expected: 2}])).toThrow(RangeError);
  });
});

noteIfNoR("O/E funnel limits via qpois, over-dispersion via metafor");
describe.skipIf(!hasR)("oeFunnelLimits and funnelOverdispersion vs R", () => {
  it("exact limits agree with an independent qpois/ppois/dpois computation on a grid of E and levels", () => {
    const Es = [0.7, 3, 12.5, 40, 216.7, 1000, 25000];
    const cases = Es.flatMap((E) => [0.95, 0.998].map((level) => [E, level] as const));
    const r =
      runR(`lim <- function(p, E) { r <- qpois(p, E); a <- (ppois(r, E) - p) / dpois(r, E); pmax(0, (r - a) / E) }
E <- c(${cases.map((c) => c[0]).join(",")}); lv <- c(${cases.map((c) => c[1]).join(",")})
emit(list(lo = mapply(function(E, l) lim((1 - l)/2, E), E, lv), up = mapply(function(E, l) lim(1 - (1 - l)/2, E), E, lv),
  q = mapply(function(E, l) qpois((1 - l)/2, E), E, lv)))`);
    cases.forEach(([E, level], i) => {
      const e = oeFunnelLimits(E, {level});
      expect(poissonQuantile((1 - level) / 2, E) === vec(r, "q")[i], `qpois ${E}`).toBe(true);
      expectClose(e.lower, vec(r, "lo")[i], 1e-9, 1e-12, `lower ${E} ${level}`);
      expectClose(e.upper, vec(r, "up")[i], 1e-9, 1e-12, `upper ${E} ${level}`);
    });
  });
  it("τ² without winsorising equals metafor's DerSimonian–Laird estimate when Σ O = Σ E (weighted mean = target 1)", () => {
    const O = [244, 120, 61, 300, 35, 90, 150, 12];
    const E0 = [216.7, 130.2, 55.1, 310.4, 40.3, 80.2, 160.9, 9.1];
    const scale = O.reduce((a, v) => a + v, 0) / E0.reduce((a, v) => a + v, 0);
    const E = E0.map((e) => e * scale);
    const d = funnelOverdispersion(
      O.map((o, i) => ({observed: o, expected: E[i]})),
      {winsor: 0}
    );
    const r = runR(`suppressPackageStartupMessages(library(metafor)); O <- c(${O.join(",")}); E <- c(${E.join(",")})
m <- rma(yi = O / E, vi = 1 / E, method = "DL"); emit(list(tau2 = m$tau2, Q = m$QE, p = m$QEp))`);
    expectClose(d.tau2, vec(r, "tau2")[0], 1e-9, 1e-12, "tau2");
    expectClose(d.units * d.phi, vec(r, "Q")[0], 1e-9, 1e-12, "Q");
    expectClose(d.p, vec(r, "p")[0], 1e-7, 1e-12, "p");
  });
  it("winsorised φ agrees with R (quantile type 7)", () => {
    const O = [244, 120, 61, 300, 35, 90, 150, 12, 400, 5];
    const E = [216.7, 130.2, 55.1, 310.4, 40.3, 80.2, 160.9, 9.1, 330, 11];
    const d = funnelOverdispersion(O.map((o, i) => ({observed: o, expected: E[i]})));
    const r =
      runR(`O <- c(${O.join(",")}); E <- c(${E.join(",")}); z <- (O - E) / sqrt(E); q <- quantile(z, c(0.1, 0.9))
zw <- pmin(q[2], pmax(q[1], z)); phi <- mean(zw^2); I <- length(O); tau2 <- max(0, (I * phi - (I - 1)) / (sum(E) - sum(E^2) / sum(E)))
emit(list(phi = phi, tau2 = tau2))`);
    expectClose(d.phi, vec(r, "phi")[0], 1e-10, 1e-12, "phi");
    expectClose(d.tau2, vec(r, "tau2")[0], 1e-10, 1e-12, "tau2");
  });
});
