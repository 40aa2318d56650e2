/**
 * Quantile function of the Gamma(shape a, scale s) distribution: the x with
 * P(a, x/s) = p (lower tail) or Q(a, x/s) = q (upper tail).
 *
 * Method: starting value from the Wilson–Hilferty cube-root normal
 * approximation (Wilson & Hilferty 1931; Johnson, Kotz & Balakrishnan,
 * Continuous Univariate Distributions vol. 1, 2nd ed. 1994, ch. 17) for
 * a > 1, or from the small-x expansion P(a,x) ≈ x^a/Γ(a+1) (Numerical Recipes
 * 3rd ed. §6.2, `invgammp`) otherwise; then Halley's method on the
 * regularized incomplete gamma function, safeguarded by bisection within a
 * bracket. For p > ½ the equation is solved in the upper tail Q = q so that
 * extreme upper quantiles keep full relative accuracy.
 *
 * @example
 * gammaQuantile(0.025, 10);      // 4.795389... (Garwood lower limit for O = 10)
 * gammaQuantile(0.975, 11);      // 18.390356... (Garwood upper limit for O = 10)
 * gammaQuantileUpper(0.05, 0.5) * 2; // 3.841458820694124 (χ²₁ critical value)
 */
import {gammaDensity, gammaP, gammaQ} from "./incomplete-gamma.ts";
import {logGamma} from "./log-gamma.ts";
import {normalQuantile} from "./normal.ts";

function solve(a: number, p: number, q: number): number {
  if (p <= 0) return 0;
  if (q <= 0) return Infinity;
  const upper = p > 0.5;
  // Starting value.
  let x: number;
  if (a > 1) {
    const z = upper ? -normalQuantile(q) : normalQuantile(p);
    const t = 1 - 1 / (9 * a) + z / (3 * Math.sqrt(a));
    x = a * t * t * t;
  } else {
    x = NaN;
  }
  if (!(x > 0) || !Number.isFinite(x)) {
    const t = 1 - a * (0.253 + a * 0.12);
    if (p < t) x = Math.pow(p / t, 1 / a);
    else x = 1 - Math.log(q / (1 - t));
    if (!(x > 0)) x = Math.exp((Math.log(p) + logGamma(a + 1)) / a);
    if (!(x > 0)) x = Number.MIN_VALUE;
  }
  let lo = 0;
  let hi = Infinity;
  for (let iteration = 0; iteration < 300; iteration++) {
    // f is increasing in x in both formulations.
    const f = upper ? q - gammaQ(a, x) : gammaP(a, x) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = gammaDensity(a, x);
    let next: number;
    let step = NaN;
    if (density > 0 && Number.isFinite(density)) {
      const u = f / density;
      // Halley's correction only while it is small; otherwise a Newton step
      // (bracketing below catches overshoots).
      const h = u * ((a - 1) / x - 1);
      step = Math.abs(h) < 1 ? u / (1 - 0.5 * h) : u;
      next = x - step;
    } else {
      next = NaN;
    }
    if (!(next > lo && next < hi)) {
      next = Number.isFinite(hi) ? (lo + hi) / 2 : Math.max(2 * x, lo * 2);
      step = x - next;
    }
    if (Math.abs(step) <= 4e-16 * Math.abs(next) || next === x) return next;
    if (Number.isFinite(hi) && hi - lo <= 4e-16 * hi) return next;
    x = next;
  }
  return x;
}

function validate(p: number, a: number, scale: number): boolean {
  return !(Number.isNaN(p) || Number.isNaN(a) || Number.isNaN(scale) || p < 0 || p > 1 || a <= 0 || scale <= 0);
}

/**
 * Lower-tail gamma quantile: x such that P(X ≤ x) = p for X ~ Gamma(shape, scale).
 * NaN for p outside [0, 1], shape ≤ 0 or scale ≤ 0.
 */
export function gammaQuantile(p: number, shape: number, scale = 1): number {
  if (!validate(p, shape, scale)) return NaN;
  return scale * solve(shape, p, 1 - p);
}

/**
 * Upper-tail gamma quantile: x such that P(X > x) = q for X ~ Gamma(shape, scale).
 * NaN for q outside [0, 1], shape ≤ 0 or scale ≤ 0.
 */
export function gammaQuantileUpper(q: number, shape: number, scale = 1): number {
  if (!validate(q, shape, scale)) return NaN;
  return scale * solve(shape, 1 - q, q);
}
