/**
 * Binomial(n, p) distribution: probability mass, CDF, upper tail and quantile.
 *
 * CDF via the regularized incomplete beta function (Abramowitz & Stegun 1964,
 * eq. 26.5.24):  P(X ≤ k) = I_{1−p}(n − k, k + 1) = 1 − I_p(k + 1, n − k).
 * Quantile: the smallest integer k in [0, n] with P(X ≤ k) ≥ q (the usual
 * left-continuous inverse, as R `qbinom`), found by bisection on k.
 *
 * @example
 * binomialCdf(3, 10, 0.5);        // 176/1024 = 0.171875
 * binomialPmf(2, 4, 0.5);         // 0.375
 * binomialQuantile(0.975, 100, 0.2); // 28
 */
import {betaRegularized, betaRegularizedUpper} from "./incomplete-beta.ts";
import {bd0, stirlingError} from "./log-gamma.ts";

function badParameters(n: number, p: number): boolean {
  return !Number.isInteger(n) || n < 0 || Number.isNaN(p) || p < 0 || p > 1;
}

/** P(X = k). NaN for invalid n or p; 0 for non-integer or out-of-range k. */
export function binomialPmf(k: number, n: number, p: number): number {
  if (badParameters(n, p) || Number.isNaN(k)) return NaN;
  if (!Number.isInteger(k) || k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  if (k === 0) return Math.exp(n * Math.log1p(-p));
  if (k === n) return Math.exp(n * Math.log(p));
  // Loader (2000) saddle-point form: exact up to rounding, no cancellation.
  const logPmf = stirlingError(n) - stirlingError(k) - stirlingError(n - k) - bd0(k, n * p) - bd0(n - k, n * (1 - p));
  return Math.exp(logPmf) * Math.sqrt(n / (2 * Math.PI * k * (n - k)));
}

/** P(X ≤ k) for X ~ Binomial(n, p); k is floored. NaN for invalid n or p. */
export function binomialCdf(k: number, n: number, p: number): number {
  if (badParameters(n, p) || Number.isNaN(k)) return NaN;
  const j = Math.floor(k);
  if (j < 0) return 0;
  if (j >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  return betaRegularizedUpper(p, j + 1, n - j);
}

/** P(X > k) for X ~ Binomial(n, p); k is floored. */
export function binomialSurvival(k: number, n: number, p: number): number {
  if (badParameters(n, p) || Number.isNaN(k)) return NaN;
  const j = Math.floor(k);
  if (j < 0) return 1;
  if (j >= n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  return betaRegularized(p, j + 1, n - j);
}

/**
 * Smallest integer k ∈ [0, n] with P(X ≤ k) ≥ q. NaN for q outside [0, 1] or
 * invalid n, p.
 */
export function binomialQuantile(q: number, n: number, p: number): number {
  if (badParameters(n, p) || Number.isNaN(q) || q < 0 || q > 1) return NaN;
  if (q === 0) return 0;
  let lo = -1; // P(X ≤ lo) = 0 < q
  let hi = n; // P(X ≤ hi) = 1 ≥ q
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (binomialCdf(mid, n, p) >= q) hi = mid;
    else lo = mid;
  }
  return hi;
}
