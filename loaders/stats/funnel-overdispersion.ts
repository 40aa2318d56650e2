/**
 * Over-dispersion of standardised ratios O/E around the target 1, and the
 * between-unit variance that widens their funnel (Spiegelhalter 2005,
 * "Handling over-dispersion of performance indicators", Qual Saf Health Care
 * 14:347–351; DerSimonian & Laird 1986, Control Clin Trials 7:177–188).
 *
 * For units i = 1…I with observed O_i and expected E_i > 0:
 *
 *   z_i = (O_i/E_i − 1) / s_i,   s_i = 1/√E_i      (Poisson: Var(O/E) = 1/E)
 *   z_i winsorised: values beyond the 10th and 90th percentiles (R's
 *     quantile type 7) are set to those percentiles, so a few true outliers
 *     do not inflate φ (option `winsor`, 0 = none)
 *   φ = (1/I) Σ z_i²                                   (dispersion factor)
 *   w_i = 1/s_i² = E_i
 *   τ² = max(0, (I·φ − (I − 1)) / (Σ w_i − Σ w_i² / Σ w_i))   (DerSimonian–Laird)
 *
 * I·φ is compared with χ²_{I−1} (p-value `p`; I − 1 degrees of freedom since
 * indirect standardisation makes Σ O = Σ E, i.e. the target is estimated).
 * τ² > 0 (I·φ > I − 1) means the schools vary more than chance alone allows:
 * the funnel is widened by τ² (`oeFunnelLimits(E, {tau2})`); τ² = 0 means the
 * exact Poisson limits apply.
 *
 * Units with E = 0 are left out. Fewer than 2 units: φ = NaN, τ² = 0.
 * Throws RangeError for a negative or non-integer O, E negative or not
 * finite, or `winsor` outside [0, 0.5).
 *
 * @example
 * // O = [10, 20, 30, 40], E = [20, 20, 20, 40] (Σ O = Σ E = 100), no winsorising:
 * // z = [−2.2361, 0, 2.2361, 0], φ = 10/4 = 2.5, I·φ = 10,
 * // τ² = (10 − 3) / (100 − 2800/100) = 7/72 = 0.097222…
 * funnelOverdispersion([{observed: 10, expected: 20}, {observed: 20, expected: 20}, {observed: 30, expected: 20}, {observed: 40, expected: 40}], {winsor: 0});
 * // {units: 4, phi: 2.5, tau2: 0.0972…, p: 0.0186…}
 */
import {chiSquareSurvival} from "./distributions/chi-square.ts";
import {checkCount} from "./validate.ts";

export interface OverdispersionUnit {
  observed: number;
  expected: number;
}

export interface Overdispersion {
  /** Units with E > 0. */
  units: number;
  /** Dispersion factor φ (mean squared, winsorised z-score). */
  phi: number;
  /** Between-unit variance of O/E (DerSimonian–Laird, ≥ 0). */
  tau2: number;
  /** P(χ²_{I−1} ≥ I·φ): small = more variation than chance. */
  p: number;
}

/** p-quantile with linear interpolation between order statistics (R's quantile type 7). */
function quantile7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
}

export function funnelOverdispersion(
  units: readonly OverdispersionUnit[],
  {winsor = 0.1}: {winsor?: number} = {}
): Overdispersion {
  if (typeof winsor !== "number" || !(winsor >= 0 && winsor < 0.5))
    throw new RangeError(`winsor must be in [0, 0.5), got ${String(winsor)}`);
  for (const u of units) {
    checkCount(u.observed, "observed");
    if (typeof u.expected !== "number" || !Number.isFinite(u.expected) || u.expected < 0) {
      throw new RangeError(`expected must be a finite number ≥ 0, got ${String(u.expected)}`);
    }
  }
  const used = units.filter((u) => u.expected > 0);
  const I = used.length;
  if (I < 2) return {units: I, phi: NaN, tau2: 0, p: NaN};
  let z = used.map((u) => (u.observed - u.expected) / Math.sqrt(u.expected));
  if (winsor > 0) {
    const sorted = [...z].sort((a, b) => a - b);
    const lo = quantile7(sorted, winsor);
    const hi = quantile7(sorted, 1 - winsor);
    z = z.map((v) => Math.min(hi, Math.max(lo, v)));
  }
  const phi = z.reduce((a, v) => a + v * v, 0) / I;
  const w = used.map((u) => u.expected);
  const sw = w.reduce((a, v) => a + v, 0);
  const sw2 = w.reduce((a, v) => a + v * v, 0);
  const tau2 = Math.max(0, (I * phi - (I - 1)) / (sw - sw2 / sw));
  return {units: I, phi, tau2, p: chiSquareSurvival(I * phi, I - 1)};
}
