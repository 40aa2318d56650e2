/**
 * Funnel-plot control limits for a standardised ratio O/E (observed over
 * expected events, expected from a reference model) around the target 1,
 * plotted against E (Spiegelhalter 2005, "Funnel plots for comparing
 * institutional performance", Stat Med 24:1185–1202, §3 and Appendix: the
 * Poisson case for standardised ratios).
 *
 * Under H₀ the count O ~ Poisson(E). For a two-sided level the limits are the
 * p-quantiles of O/E, p = (1 − level)/2 (lower) and 1 − (1 − level)/2 (upper):
 *
 * - exact (τ² = 0, default): with r_p = the p-quantile of Poisson(E)
 *   (smallest r with F(r) ≥ p, R's qpois),
 *     α = (F(r_p) − p) / (F(r_p) − F(r_p − 1)),
 *     limit = (r_p − α) / E,
 *   i.e. the discrete quantile interpolated so the limits are smooth in E.
 * - random effects (τ² > 0, over-dispersion; Spiegelhalter 2005, "Handling
 *   over-dispersion of performance indicators", Qual Saf Health Care
 *   14:347–351): the normal limits widened by the between-unit variance,
 *     limit = 1 ± z_p √(1/E + τ²),   lower clamped at 0,
 *   where 1/E is the Poisson variance of O/E and τ² comes from
 *   `funnelOverdispersion` (DerSimonian–Laird).
 *
 * Conventions: E = 0 gives NaN limits (no funnel at zero size). Throws
 * RangeError for E negative or not finite, τ² negative or not finite, or a
 * level outside (0, 1).
 *
 * @example
 * // E = 20, 95 %: qpois(0.025, 20) = 12, ppois(12, 20) = 0.039012…, dpois(12, 20) = 0.017625…
 * // α = (0.039012 − 0.025)/0.017625 = 0.79500…, lower = (12 − 0.79500)/20 = 0.56025…
 * oeFunnelLimits(20);                  // {lower: 0.560250…, upper: 1.437288…}
 * oeFunnelLimits(20, {tau2: 0.01});    // {lower: 1 − 1.96·√0.06 = 0.51991…, upper: 1.48009…}
 */
import {normalQuantile} from "./distributions/normal.ts";
import {poissonCdf, poissonPmf, poissonQuantile} from "./distributions/poisson.ts";
import {checkLevel} from "./validate.ts";

export interface OeFunnelOptions {
  level?: number;
  /** Between-unit variance of O/E (random-effects widening); 0 = exact Poisson limits. */
  tau2?: number;
}

function exactLimit(p: number, expected: number): number {
  const r = poissonQuantile(p, expected);
  const alpha = (poissonCdf(r, expected) - p) / poissonPmf(r, expected);
  return Math.max(0, (r - alpha) / expected);
}

export function oeFunnelLimits(
  expected: number,
  {level = 0.95, tau2 = 0}: OeFunnelOptions = {}
): {lower: number; upper: number} {
  checkLevel(level);
  if (typeof expected !== "number" || !Number.isFinite(expected) || expected < 0) {
    throw new RangeError(`expected must be a finite number ≥ 0, got ${String(expected)}`);
  }
  if (typeof tau2 !== "number" || !Number.isFinite(tau2) || tau2 < 0)
    throw new RangeError(`tau2 must be a finite number ≥ 0, got ${String(tau2)}`);
  if (expected === 0) return {lower: NaN, upper: NaN};
  const p = (1 - level) / 2;
  if (tau2 > 0) {
    const half = normalQuantile(1 - p) * Math.sqrt(1 / expected + tau2);
    return {lower: Math.max(0, 1 - half), upper: 1 + half};
  }
  return {lower: exactLimit(p, expected), upper: exactLimit(1 - p, expected)};
}
