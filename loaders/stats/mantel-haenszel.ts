/**
 * Mantel–Haenszel summary risk ratio and risk difference over strata of
 * 2×2 tables (cumulative-incidence data).
 *
 * Notation per stratum i (Rothman, Greenland & Lash, Modern Epidemiology,
 * 3rd ed. 2008, ch. 15, Table 15-1): a = x1 (exposed cases), N1 = n1,
 * b = x2 (unexposed cases), N0 = n2, M1 = a + b, T = N1 + N0.
 *
 * Risk ratio (Mantel & Haenszel 1959; Nurminen 1981):
 *   RR_MH = Σ a N0/T / Σ b N1/T,
 *   Var(ln RR_MH) = Σ (M1 N1 N0/T² − a b/T) / [(Σ a N0/T)(Σ b N1/T)]
 *   (Greenland & Robins 1985, Biometrics 41:55–68; Modern Epidemiology 3rd ed. ch. 15),
 *   interval exp(ln RR_MH ± z √Var).
 *
 * Risk difference (Greenland & Robins 1985):
 *   RD_MH = Σ (a N0 − b N1)/T / Σ N1 N0/T,
 *   Var(RD_MH) = [RD_MH Σ P + Σ Q] / (Σ N1 N0/T)², with
 *   P = (N1² b − N0² a + N1 N0 (N0 − N1)/2) / T²,  Q = (a (N0 − b) + b (N1 − a)) / (2T)
 *   (Sato 1989, Biometrics 45:1323–1324; Modern Epidemiology 3rd ed. ch. 15),
 *   interval RD_MH ± z √Var.
 * Both match R `metafor::rma.mh(measure = "RR" | "RD")` to rounding.
 *
 * Conventions:
 * - Strata with T = 0 are ignored; strata with n1 = 0 or n2 = 0 get zero
 *   weight automatically.
 * - RR: if Σ a N0/T = 0 the estimate is 0, if Σ b N1/T = 0 it is +Infinity
 *   (NaN if both); in these cases the variance is undefined and lower/upper
 *   are NaN (no continuity correction is applied to MH estimators).
 * - RD: if no stratum contains both groups, everything is NaN. The RD
 *   interval is not clipped to [−1, 1].
 * - Throws RangeError for an empty strata array, invalid counts or level.
 *
 * @example
 * // Tolbutamide vs placebo (UGDP), by age (Modern Epidemiology 3rd ed., Table 15-2)
 * mantelHaenszel([{x1: 8, n1: 106, x2: 5, n2: 120}, {x1: 22, n1: 98, x2: 16, n2: 85}]);
 * // riskRatio:      {estimate: 1.32556, lower: 0.79791, upper: 2.20213}
 * // riskDifference: {estimate: 0.034900, lower: -0.027628, upper: 0.097428}
 */
import {normalCritical} from "./distributions/normal.ts";
import type {Interval, LevelOptions} from "./types.ts";
import {checkLevel, checkProportion} from "./validate.ts";

export interface Stratum {
  /** Cases (events) in group 1 (exposed). */
  x1: number;
  /** Size of group 1. */
  n1: number;
  /** Cases (events) in group 2 (unexposed / reference). */
  x2: number;
  /** Size of group 2. */
  n2: number;
}

export interface MantelHaenszelResult {
  riskRatio: Interval;
  riskDifference: Interval;
}

export function mantelHaenszel(strata: readonly Stratum[], {level = 0.95}: LevelOptions = {}): MantelHaenszelResult {
  if (!Array.isArray(strata) || strata.length === 0) throw new RangeError("strata must be a non-empty array");
  checkLevel(level);
  strata.forEach((s, i) => {
    checkProportion(s.x1, s.n1, `strata[${i}].x1`, `strata[${i}].n1`);
    checkProportion(s.x2, s.n2, `strata[${i}].x2`, `strata[${i}].n2`);
  });
  const z = normalCritical(level);
  let R = 0; // Σ a N0 / T
  let S = 0; // Σ b N1 / T
  let varNumerator = 0; // Σ (M1 N1 N0 / T² − a b / T)
  let W = 0; // Σ N1 N0 / T
  let sumP = 0;
  let sumQ = 0;
  for (const {x1: a, n1: N1, x2: b, n2: N0} of strata) {
    const T = N1 + N0;
    if (T === 0) continue;
    const M1 = a + b;
    R += (a * N0) / T;
    S += (b * N1) / T;
    varNumerator += (M1 * N1 * N0) / (T * T) - (a * b) / T;
    W += (N1 * N0) / T;
    sumP += (N1 * N1 * b - N0 * N0 * a + (N1 * N0 * (N0 - N1)) / 2) / (T * T);
    sumQ += (a * (N0 - b) + b * (N1 - a)) / (2 * T);
  }
  let riskRatio: Interval;
  if (R > 0 && S > 0) {
    const rr = R / S;
    const se = Math.sqrt(varNumerator / (R * S));
    riskRatio = {estimate: rr, lower: rr * Math.exp(-z * se), upper: rr * Math.exp(z * se)};
  } else {
    riskRatio = {estimate: R > 0 ? Infinity : S > 0 ? 0 : NaN, lower: NaN, upper: NaN};
  }
  let riskDifference: Interval;
  if (W > 0) {
    let numerator = 0;
    for (const {x1: a, n1: N1, x2: b, n2: N0} of strata) {
      const T = N1 + N0;
      if (T > 0) numerator += (a * N0 - b * N1) / T;
    }
    const rd = numerator / W;
    const variance = (rd * sumP + sumQ) / (W * W);
    const se = Math.sqrt(Math.max(0, variance));
    riskDifference = {estimate: rd, lower: rd - z * se, upper: rd + z * se};
  } else {
    riskDifference = {estimate: NaN, lower: NaN, upper: NaN};
  }
  return {riskRatio, riskDifference};
}
