/**
 * Chi-square distribution with k > 0 degrees of freedom, via the gamma
 * distribution: χ²_k = Gamma(shape k/2, scale 2), i.e. P(χ² | k) = P(k/2, χ²/2)
 * (Abramowitz & Stegun 1964, §26.4).
 *
 * @example
 * chiSquareSurvival(3.841458820694124, 1); // 0.05
 * chiSquareSurvival(5.991464547107979, 2); // 0.05
 * chiSquareQuantile(0.95, 1);              // 3.841458820694124
 * chiSquareSurvival(3.396, 1);             // 0.0653… (survdiff on the AML data)
 */
import {gammaP, gammaQ} from "./incomplete-gamma.ts";
import {gammaQuantile, gammaQuantileUpper} from "./gamma-quantile.ts";

function bad(x: number, df: number): boolean {
  return Number.isNaN(x) || Number.isNaN(df) || !(df > 0);
}

/** P(χ²_df ≤ x). NaN for df ≤ 0; 0 for x ≤ 0. */
export function chiSquareCdf(x: number, df: number): number {
  if (bad(x, df)) return NaN;
  if (x <= 0) return 0;
  return gammaP(df / 2, x / 2);
}

/** Upper tail P(χ²_df > x), computed directly (accurate for tiny p-values). */
export function chiSquareSurvival(x: number, df: number): number {
  if (bad(x, df)) return NaN;
  if (x <= 0) return 1;
  return gammaQ(df / 2, x / 2);
}

/** Lower-tail quantile: x with P(χ²_df ≤ x) = p. */
export function chiSquareQuantile(p: number, df: number): number {
  if (!(df > 0)) return NaN;
  return gammaQuantile(p, df / 2, 2);
}

/** Upper-tail quantile: x with P(χ²_df > x) = q (e.g. q = 0.05 → critical value). */
export function chiSquareQuantileUpper(q: number, df: number): number {
  if (!(df > 0)) return NaN;
  return gammaQuantileUpper(q, df / 2, 2);
}
