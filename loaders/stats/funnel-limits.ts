/**
 * Funnel-plot control limits for a proportion with target θ₀ and
 * denominator n (Spiegelhalter 2005, "Funnel plots for comparing
 * institutional performance", Stat Med 24:1185–1202).
 *
 * For a two-sided level (e.g. 0.95 or 0.998) the limits are the p-quantiles
 * of the proportion under H₀, p = (1 − level)/2 (lower) and 1 − (1 − level)/2
 * (upper):
 *
 * - method "exact" (default; Spiegelhalter 2005, Appendix, binomial case): with
 *   r_p = the p-quantile of Binomial(n, θ₀) (smallest r with F(r) ≥ p),
 *     α = (F(r_p) − p) / (F(r_p) − F(r_p − 1)),
 *     limit = (r_p − α) / n,
 *   i.e. a linear interpolation of the discrete quantile so the limits are
 *   smooth in n; clamped to [0, 1].
 * - method "normal" (the paper's normal approximation with the binomial variance):
 *     θ₀ ± z_p √(θ₀(1 − θ₀)/n), clamped to [0, 1].
 *
 * Conventions:
 * - θ₀ = 0 or 1 (degenerate H₀): both limits equal θ₀.
 * - n = 0: limits NaN (no funnel at zero size).
 * - When n·min(θ₀, 1 − θ₀) ≤ ½ the interpolated limit may lie on the wrong
 *   side of θ₀ (e.g. θ₀ = 0.001, n = 1 gives [0, 0]): this is a property of
 *   the published formula, kept as is; such tiny units cannot be flagged.
 * - "exact" requires integer n; "normal" accepts any n > 0.
 * - Throws RangeError for θ₀ outside [0, 1], negative n, non-integer n with
 *   "exact", an unknown method, or a level outside (0, 1).
 *
 * @example
 * funnelLimits(0.2, 100);                     // {lower: 0.119742…, upper: 0.276476…} (exact, 95%)
 * funnelLimits(0.2, 100, {method: "normal"}); // {lower: 0.121601…, upper: 0.278399…}
 */
import {binomialCdf, binomialPmf, binomialQuantile} from "./distributions/binomial.ts";
import {normalQuantile} from "./distributions/normal.ts";
import {checkLevel} from "./validate.ts";

export interface FunnelOptions {
  level?: number;
  method?: "exact" | "normal";
}

function exactLimit(p: number, n: number, theta: number): number {
  const r = binomialQuantile(p, n, theta);
  const mass = binomialPmf(r, n, theta); // F(r) − F(r − 1), computed directly
  const alpha = (binomialCdf(r, n, theta) - p) / mass;
  return Math.min(1, Math.max(0, (r - alpha) / n));
}

export function funnelLimits(
  p0: number,
  n: number,
  {level = 0.95, method = "exact"}: FunnelOptions = {}
): {lower: number; upper: number} {
  checkLevel(level);
  if (typeof p0 !== "number" || !(p0 >= 0 && p0 <= 1)) throw new RangeError(`p0 must be in [0, 1], got ${String(p0)}`);
  if (typeof n !== "number" || !(n >= 0) || !Number.isFinite(n)) {
    throw new RangeError(`n must be a non-negative finite number, got ${String(n)}`);
  }
  if (method !== "exact" && method !== "normal")
    throw new RangeError(`method must be "exact" or "normal", got ${String(method)}`);
  if (method === "exact" && !Number.isInteger(n))
    throw new RangeError(`n must be an integer for the exact method, got ${n}`);
  if (n === 0) return {lower: NaN, upper: NaN};
  if (p0 === 0 || p0 === 1) return {lower: p0, upper: p0};
  const pLower = (1 - level) / 2;
  const pUpper = 1 - pLower;
  if (method === "normal") {
    const sd = Math.sqrt((p0 * (1 - p0)) / n);
    return {
      lower: Math.max(0, p0 + normalQuantile(pLower) * sd),
      upper: Math.min(1, p0 + normalQuantile(pUpper) * sd)
    };
  }
  return {lower: exactLimit(pLower, n, p0), upper: exactLimit(pUpper, n, p0)};
}
