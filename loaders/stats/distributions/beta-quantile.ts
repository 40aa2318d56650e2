/**
 * Inverse of the regularized incomplete beta function: the x in [0, 1] with
 * I_x(a, b) = p (the Beta(a, b) quantile).
 *
 * Method: starting value from Numerical Recipes 3rd ed. (2007) §6.14
 * (`invbetai`: for a, b ≥ 1 the normal-approximation formula of Abramowitz &
 * Stegun 1964, eq. 26.5.22; otherwise the leading terms of the two tails),
 * then Halley's method on I_x(a,b) − p, safeguarded by bisection inside a
 * bracket [lo, hi] ⊂ [0, 1] so that it always converges.
 *
 * @example
 * betaQuantile(0.6875, 2, 3);   // 0.5
 * betaQuantile(0.025, 5, 52);   // Clopper–Pearson lower limit for 5/56: 0.02961…
 */
import {betaDensity, betaRegularized} from "./incomplete-beta.ts";
import {normalQuantile} from "./normal.ts";

function startingValue(p: number, a: number, b: number): number {
  if (a >= 1 && b >= 1) {
    // A&S 26.5.22 with y = upper-tail normal deviate (Q(y) = p), as in NR.
    const y = -normalQuantile(p);
    const lambda = (y * y - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (y * Math.sqrt(h + lambda)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (lambda + 5 / 6 - 2 / (3 * h));
    return a / (a + b * Math.exp(2 * w));
  }
  const lna = Math.log(a / (a + b));
  const lnb = Math.log(b / (a + b));
  const t = Math.exp(a * lna) / a;
  const u = Math.exp(b * lnb) / b;
  const w = t + u;
  if (p < t / w) return Math.pow(a * w * p, 1 / a);
  return 1 - Math.pow(b * w * (1 - p), 1 / b);
}

/**
 * Beta(a, b) quantile, i.e. inverse of `betaRegularized` in x.
 * NaN for p outside [0, 1] or a, b ≤ 0.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (Number.isNaN(p) || !(a > 0) || !(b > 0) || p < 0 || p > 1) return NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  let x = startingValue(p, a, b);
  if (!(x > 0 && x < 1)) x = 0.5;
  let lo = 0;
  let hi = 1;
  for (let iteration = 0; iteration < 300; iteration++) {
    const f = betaRegularized(x, a, b) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = betaDensity(x, a, b);
    let next = NaN;
    if (density > 0 && Number.isFinite(density)) {
      const u = f / density;
      const curvature = (a - 1) / x - (b - 1) / (1 - x);
      const h = u * curvature;
      next = x - (Math.abs(h) < 1 ? u / (1 - 0.5 * h) : u);
    }
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 4e-16 * Math.max(next, 1e-300) || next === x) return next;
    if (hi - lo <= 4e-16 * hi) return next;
    x = next;
  }
  return x;
}
