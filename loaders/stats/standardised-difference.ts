/**
 * Directly standardised risk difference with the exposed group as the
 * standard population — the average effect in the treated (ATT) estimated by
 * stratification (Rothman, Greenland & Lash, Modern Epidemiology 3rd ed.
 * 2008, ch. 4 "standardized measures" and ch. 15, eq. 15-3 with weights
 * w_i = N1_i; Rosenbaum & Rubin 1983 on subclassification):
 *
 *   w_i   = n1_i / Σ_j n1_j            (over strata with n1_i > 0 and n0_i > 0)
 *   p1_i  = x1_i / n1_i,  p0_i = x0_i / n0_i
 *   RD_s  = Σ w_i (p1_i − p0_i) = R1_s − R0_s
 *   Var   = Σ w_i² [v1_i/n1_i + v0_i/n0_i]
 *           (independent binomial strata, weights treated as fixed), where
 *           v = p̃(1 − p̃) with the stratum risk shrunk toward its group's
 *           pooled risk P (over the supported strata) by 2 pseudo-observations:
 *             p̃1_i = (x1_i + 2 P1)/(n1_i + 2),  p̃0_i = (x0_i + 2 P0)/(n0_i + 2)
 *           (in the spirit of Agresti & Caffo 2000, Am Stat 54:280–288) — the
 *           plug-in p̂(1 − p̂) is 0 in every small stratum with 0 or all
 *           events and badly understates the variance when strata are fine.
 *   [L, U] = RD_s ∓ z √Var,  z = Φ⁻¹(1 − α/2).
 *
 * The standardised unexposed risk R0_s = Σ w_i p0_i is reported with its
 * standard error √(Σ w_i² v0_i/n0_i) (`stdErr0`).
 *
 * Two targets (Imbens 2004, Rev Econ Stat 86:4–29, §3.1: population vs
 * sample average effects):
 * - `estimand: "population"` (default): the effect in a population like the
 *   exposed group; v1 from the exposed, as above.
 * - `estimand: "sample"`: the effect in these exposed individuals (mean over
 *   them of outcome with − outcome without exposure). Their own outcomes are
 *   observed; what is uncertain is their outcome without exposure, which
 *   varies around the stratum's unexposed risk: v1_i is replaced by v0_i,
 *   Var = Σ w_i² v0_i (1/n1_i + 1/n0_i).

 * Unlike the Mantel–Haenszel difference (weights n1 n0 / (n1 + n0)), this
 * targets the exposed population's average effect when effects differ
 * between strata.
 *
 * Conventions:
 * - Strata with n1 = 0 are ignored; strata with n0 = 0 have no comparison
 *   ("off support") and are left out — `supportShare` = Σ n1 over supported
 *   strata / Σ n1 over all strata says how much of the exposed group the
 *   estimate covers.
 * - No supported stratum: estimate, rates, lower, upper NaN, supportShare 0.
 * - The interval is not clipped to [−1, 1].
 * - Throws RangeError for an empty array, invalid counts (x > n, negative,
 *   non-integer) or a level outside (0, 1).
 *
 * @example
 * standardisedDifference([{x1: 10, n1: 100, x0: 30, n0: 200}, {x1: 40, n1: 100, x0: 50, n0: 100}]);
 * // estimate = 0.5·(0.10 − 0.15) + 0.5·(0.40 − 0.50) = −0.075,
 * // P1 = 0.25, P0 = 80/300; p̃1 = (10.5/102, 40.5/102), p̃0 = (30.533…/202, 50.533…/102);
 * // Var = 0.25·(v1/100 + v0/200) + 0.25·(v1'/100 + v0'/100) → interval [−0.15376…, 0.00376…]
 */
import {normalCritical} from "./distributions/normal.ts";
import type {Interval, LevelOptions} from "./types.ts";
import {checkLevel, checkProportion} from "./validate.ts";

/** Pseudo-observations of the pooled risk added to each stratum's risk for the variance. */
const SHRINK = 2;

export interface StandardisationStratum {
  /** Events among the exposed (treated) in the stratum. */
  x1: number;
  n1: number;
  /** Events among the unexposed (comparison) in the stratum. */
  x0: number;
  n0: number;
}

export interface StandardisedDifference extends Interval {
  /** Standardised risk of the exposed (= crude risk over supported strata). */
  rate1: number;
  /** Standardised risk the exposed would have at the unexposed stratum risks. */
  rate0: number;
  /** Standard error of the difference. */
  stdErr: number;
  /** Standard error of `rate0`. */
  stdErr0: number;
  /** Share of the exposed in strata that have unexposed members. */
  supportShare: number;
  /** Number of strata used (n1 > 0 and n0 > 0). */
  strata: number;
}

export interface StandardisedDifferenceOptions extends LevelOptions {
  /** "population" (default) or "sample" — see the module comment. */
  estimand?: "population" | "sample";
}

export function standardisedDifference(
  strata: readonly StandardisationStratum[],
  {level = 0.95, estimand = "population"}: StandardisedDifferenceOptions = {}
): StandardisedDifference {
  if (estimand !== "population" && estimand !== "sample")
    throw new RangeError(`estimand must be "population" or "sample", got ${String(estimand)}`);
  if (!Array.isArray(strata) || strata.length === 0) throw new RangeError("strata must be a non-empty array");
  checkLevel(level);
  let exposedAll = 0;
  let exposed = 0;
  let used = 0;
  strata.forEach((s, i) => {
    checkProportion(s.x1, s.n1, `strata[${i}].x1`, `strata[${i}].n1`);
    checkProportion(s.x0, s.n0, `strata[${i}].x0`, `strata[${i}].n0`);
    exposedAll += s.n1;
    if (s.n1 > 0 && s.n0 > 0) {
      exposed += s.n1;
      used++;
    }
  });
  if (exposed === 0) {
    return {
      estimate: NaN,
      lower: NaN,
      upper: NaN,
      rate1: NaN,
      rate0: NaN,
      stdErr: NaN,
      stdErr0: NaN,
      supportShare: 0,
      strata: 0
    };
  }
  // Variance plug-ins: each stratum's risk shrunk toward its group's pooled risk by SHRINK pseudo-observations.
  let X1 = 0,
    X0 = 0,
    N0 = 0;
  for (const s of strata) {
    if (s.n1 === 0 || s.n0 === 0) continue;
    X1 += s.x1;
    X0 += s.x0;
    N0 += s.n0;
  }
  const P1 = X1 / exposed;
  const P0 = X0 / N0;
  const shrunk = (x: number, n: number, pooled: number) => {
    const p = (x + SHRINK * pooled) / (n + SHRINK);
    return p * (1 - p);
  };
  let rate1 = 0;
  let rate0 = 0;
  let variance = 0;
  let variance0 = 0;
  for (const s of strata) {
    if (s.n1 === 0 || s.n0 === 0) continue;
    const w = s.n1 / exposed;
    rate1 += (w * s.x1) / s.n1;
    rate0 += (w * s.x0) / s.n0;
    const v0 = shrunk(s.x0, s.n0, P0);
    variance += (w * w * (estimand === "sample" ? v0 : shrunk(s.x1, s.n1, P1))) / s.n1;
    variance0 += (w * w * v0) / s.n0;
  }
  const estimate = rate1 - rate0;
  const stdErr = Math.sqrt(variance + variance0);
  const z = normalCritical(level);
  return {
    estimate,
    lower: estimate - z * stdErr,
    upper: estimate + z * stdErr,
    rate1,
    rate0,
    stdErr,
    stdErr0: Math.sqrt(variance0),
    supportShare: exposed / exposedAll,
    strata: used
  };
}
