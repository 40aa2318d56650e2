/**
 * Performance measures of an estimator over the replicates (seeds) of a
 * simulation study, following Morris, White & Crowther (2019), "Using
 * simulation studies to evaluate statistical methods", Stat Med 38:2074–2102,
 * Table 6. Each replicate i gives an estimate θ̂ᵢ with a 95% interval
 * [Lᵢ, Uᵢ] and its own truth θᵢ (the planted effect in that data set).
 * Replicates with any of them missing are left out; n = the rest.
 *
 *   SEᵢ      = (Uᵢ − Lᵢ) / (2 · 1.959964)           (the model SE behind a Wald interval)
 *   eᵢ       = θ̂ᵢ − θᵢ,  zᵢ = eᵢ / SEᵢ
 *   bias     = ē = Σ eᵢ / n                          (also in units of the mean SE: ē / mean SE)
 *   mean z   = Σ zᵢ / n,   SD(z) = √(Σ (zᵢ − z̄)² / (n − 1))   (≈ 0 and ≈ 1 when estimate and SE are right)
 *   EmpSE    = √(Σ (eᵢ − ē)² / (n − 1))               (empirical SD of the errors)
 *   SE bias  = mean SE / EmpSE − 1                   (relative error in the model SE; Morris et al. use √mean(SE²),
 *                                                     nearly the same when the SEs vary little across seeds)
 *   SE bias (spread) = mean SE / SD(θ̂ᵢ) − 1           (against the spread of the estimates themselves: the SE's
 *                                                     target when the estimand is the population effect, not each
 *                                                     data set's own θᵢ; the two differ when θᵢ varies between seeds)
 *   coverage = #{Lᵢ ≤ θᵢ ≤ Uᵢ} / n, with its Wilson 95% interval (loaders/stats/wilson.ts)
 *   width    = Σ (Uᵢ − Lᵢ) / n
 *   MCSE(bias) = EmpSE / √n                          (Monte Carlo SE of the bias)
 *
 * Worked example (test/validate/metrics.test.ts): truths −0.05, −0.05, −0.05;
 * estimates −0.06, −0.04, −0.08, each with SE 0.01 (interval θ̂ ∓ 0.0196).
 * Errors −0.01, +0.01, −0.03: bias −0.01 (−1 pp, −1 SE); z = −1, 1, −3: mean z −1,
 * SD(z) 2; EmpSE 0.02, SE bias 0.01/0.02 − 1 = −0.5 (SD of the estimates also 0.02, so
 * also −0.5 against the spread); coverage 2/3 (the third
 * interval misses), Wilson [0.208, 0.939]; width 0.0392.
 */
import {wilson} from "../stats/wilson.ts";

export const Z975 = 1.959964;

export interface Replicate {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  truth: number | null;
}

export interface Performance {
  /** Replicates with an estimate, an interval and a truth. */
  n: number;
  meanTruth: number | null;
  meanEstimate: number | null;
  /** Mean of estimate − truth (proportion). */
  bias: number | null;
  /** Monte Carlo SE of the bias. */
  biasMcse: number | null;
  meanSe: number | null;
  /** bias / mean SE. */
  biasInSe: number | null;
  meanZ: number | null;
  sdZ: number | null;
  /** Empirical SD of estimate − truth. */
  empSe: number | null;
  /** mean SE / EmpSE − 1. */
  seBias: number | null;
  /** Empirical SD of the estimates. */
  sdEstimate: number | null;
  /** mean SE / SD of the estimates − 1. */
  seBiasSpread: number | null;
  covered: number;
  coverage: number | null;
  coverageLower: number | null;
  coverageUpper: number | null;
  meanWidth: number | null;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : null);

/** Sample SD (n − 1); null below two values. */
export function sd(xs: number[]): number | null {
  if (xs.length < 2) return null;
  const m = mean(xs)!;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Standard error behind a symmetric 95% Wald interval. */
export const seFromInterval = (lower: number, upper: number) => (upper - lower) / (2 * Z975);

const complete = (r: Replicate): r is {estimate: number; lower: number; upper: number; truth: number} =>
  [r.estimate, r.lower, r.upper, r.truth].every((x) => typeof x === "number" && Number.isFinite(x));

/** Every performance measure of one estimator (see the module comment for the formulas). */
export function performance(replicates: readonly Replicate[]): Performance {
  const rs = replicates.filter(complete);
  const n = rs.length;
  const errors = rs.map((r) => r.estimate - r.truth);
  const ses = rs.map((r) => seFromInterval(r.lower, r.upper));
  const zs = rs.map((r, i) => (ses[i] > 0 ? errors[i] / ses[i] : NaN)).filter(Number.isFinite);
  const bias = mean(errors);
  const meanSe = mean(ses);
  const empSe = sd(errors);
  const sdEstimate = sd(rs.map((r) => r.estimate));
  const covered = rs.filter((r) => r.lower <= r.truth && r.truth <= r.upper).length;
  const w = n > 0 ? wilson(covered, n) : null;
  return {
    n,
    meanTruth: mean(rs.map((r) => r.truth)),
    meanEstimate: mean(rs.map((r) => r.estimate)),
    bias,
    biasMcse: empSe !== null ? empSe / Math.sqrt(n) : null,
    meanSe,
    biasInSe: bias !== null && meanSe ? bias / meanSe : null,
    meanZ: mean(zs),
    sdZ: sd(zs),
    empSe,
    seBias: meanSe !== null && empSe ? meanSe / empSe - 1 : null,
    sdEstimate,
    seBiasSpread: meanSe !== null && sdEstimate ? meanSe / sdEstimate - 1 : null,
    covered,
    coverage: n > 0 ? covered / n : null,
    coverageLower: w?.lower ?? null,
    coverageUpper: w?.upper ?? null,
    meanWidth: mean(rs.map((r) => r.upper - r.lower))
  };
}
