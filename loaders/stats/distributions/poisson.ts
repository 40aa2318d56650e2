/**
 * Poisson distribution and exact (Garwood) confidence limits for its mean.
 *
 * CDF: P(X ≤ k) = Q(k + 1, λ) (regularized upper incomplete gamma;
 * equivalently P(χ²_{2(k+1)} > 2λ); Abramowitz & Stegun 1964, §26.4).
 *
 * Exact limits (Garwood 1936, Biometrika 28:437–442; Ulm 1990, Am J Epidemiol
 * 131:373–375) for an observed count x at confidence level 1 − α:
 *
 *   lower = ½ χ²_{2x}(α/2)       = Gamma(x, 1) quantile at α/2      (0 when x = 0)
 *   upper = ½ χ²_{2x+2}(1 − α/2) = Gamma(x + 1, 1) quantile at 1 − α/2
 *
 * @example
 * poissonExactLimits(10);            // {lower: 4.795389…, upper: 18.390356…}
 * poissonExactLimits(0);             // {lower: 0, upper: 3.688879…}
 * poissonCdf(2, 1);                  // 2.5/e = 0.9196986029286058
 */
import {gammaQ} from "./incomplete-gamma.ts";
import {gammaQuantile, gammaQuantileUpper} from "./gamma-quantile.ts";
import {logGamma} from "./log-gamma.ts";
import {checkCount, checkLevel} from "../validate.ts";

/** P(X = k) for X ~ Poisson(lambda). */
export function poissonPmf(k: number, lambda: number): number {
  if (Number.isNaN(k) || !(lambda >= 0)) return NaN;
  if (!Number.isInteger(k) || k < 0) return 0;
  if (lambda === 0) return k === 0 ? 1 : 0;
  return Math.exp(-lambda + k * Math.log(lambda) - logGamma(k + 1));
}

/** P(X ≤ k) for X ~ Poisson(lambda); k is floored. */
export function poissonCdf(k: number, lambda: number): number {
  if (Number.isNaN(k) || !(lambda >= 0)) return NaN;
  const j = Math.floor(k);
  if (j < 0) return 0;
  if (lambda === 0) return 1;
  if (lambda === Infinity) return 0;
  return gammaQ(j + 1, lambda);
}

/**
 * Exact two-sided confidence limits for a Poisson mean given an observed
 * count (Garwood 1936). Throws RangeError for a negative or non-integer count
 * or a level outside (0, 1).
 */
export function poissonExactLimits(
  count: number,
  {level = 0.95}: {level?: number} = {}
): {lower: number; upper: number} {
  checkCount(count, "count");
  checkLevel(level);
  const alpha = 1 - level;
  const lower = count === 0 ? 0 : gammaQuantile(alpha / 2, count);
  const upper = gammaQuantileUpper(alpha / 2, count + 1);
  return {lower, upper};
}

/**
 * p-quantile of Poisson(lambda): the smallest integer r with P(X ≤ r) ≥ p
 * (R's qpois). NaN for p outside [0, 1] or lambda < 0; Infinity at p = 1.
 */
export function poissonQuantile(p: number, lambda: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(lambda >= 0) || !Number.isFinite(lambda)) return NaN;
  if (p === 0 || lambda === 0) return 0;
  if (p === 1) return Infinity;
  // bracket from above by doubling, then bisect on the CDF
  let hi = Math.max(1, Math.ceil(lambda + 10 * Math.sqrt(lambda) + 10));
  while (poissonCdf(hi, lambda) < p) hi *= 2;
  let lo = -1; // P(X ≤ −1) = 0 < p
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (poissonCdf(mid, lambda) >= p) hi = mid;
    else lo = mid;
  }
  return hi;
}
