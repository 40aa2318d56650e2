/**
 * Actuarial life-table (grouped-data) estimate of the survivor function with
 * Greenwood standard errors and pointwise limits, from per-interval counts.
 *
 * For intervals [a_i, a_{i+1}) with n_i entering the interval (at risk at its
 * start), d_i events and c_i censorings (withdrawals) in it (Collett,
 * Modelling Survival Data in Medical Research, 3rd ed. 2015, §2.1.2;
 * Kalbfleisch & Prentice 2002, §1.3; Lee & Wang, Statistical Methods for
 * Survival Data Analysis, 3rd ed. 2003, ch. 4):
 *
 *   n'_i = n_i − c_i / 2                        (effective number at risk: censorings at mid-interval)
 *   q_i  = d_i / n'_i                           (conditional probability of the event in the interval)
 *   S(a_{i+1}) = Π_{j ≤ i} (1 − q_j)            (survival to the END of interval i; S(a_0) = 1)
 *   σ²_i = Σ_{j ≤ i} d_j / (n'_j (n'_j − d_j))  (Greenwood; variance of ln S(a_{i+1}))
 *   stdErr_i = S(a_{i+1}) σ_i
 *
 * Limits as for Kaplan–Meier (`survivalLimits` in kaplan-meier.ts): "log"
 * (default, as R `survfit`), "log-log" or "plain", z = Φ⁻¹(1 − α/2).
 *
 * Row i describes the interval's end: `survival` is S(a_{i+1}), so the first
 * row already counts events in the first interval (events at time 0 lower it).
 * R's `KMsurv::lifetab` reports S(a_i) (the start of each interval); its
 * `surv` column is this `survival` shifted down one row, and its `se.surv`
 * likewise (KMsurv sets the Greenwood sum with n'_j as here).
 *
 * Conventions:
 * - An interval with n'_i = 0 (nobody at risk, or only censorings and
 *   n_i = c_i = 0) contributes nothing (q = 0).
 * - Where S = 0 (d_i = n'_i), stdErr, lower and upper are NaN, as KM.
 * - Counts must be non-negative integers with d_i + c_i ≤ n_i (RangeError).
 *   Rows are taken in the order given (the caller's interval order); nothing
 *   is checked across rows (n_{i+1} = n_i − d_i − c_i need not hold, so a
 *   table of independently protected counts is accepted as it is).
 *
 * @example
 * // Lee & Wang (2003) Table 4.2: 2418 males with angina pectoris, yearly intervals.
 * lifeTable([{atRisk: 2418, events: 456, censored: 0}, {atRisk: 1962, events: 226, censored: 39}]);
 * // [{effective: 2418, survival: 0.81141, stdErr: 0.00796, …}, {effective: 1942.5, survival: 0.71701, stdErr: 0.00918, …}]
 */
import {normalCritical} from "./distributions/normal.ts";
import {checkConf, productLimitStep, survivalEstimate, type ConfType} from "./kaplan-meier.ts";
import {checkLevel, toCount} from "./validate.ts";

export interface LifeTableInput {
  /** Number entering the interval (time ≥ its start). */
  atRisk: number | string | bigint;
  /** Events in the interval. */
  events: number | string | bigint;
  /** Censored (withdrawn without the event) in the interval. */
  censored: number | string | bigint;
}

export interface LifeTableRow {
  atRisk: number;
  events: number;
  censored: number;
  /** n' = atRisk − censored/2. */
  effective: number;
  /** S at the END of the interval. */
  survival: number;
  /** Greenwood standard error of `survival` (NaN where S = 0). */
  stdErr: number;
  lower: number;
  upper: number;
}

export interface LifeTableOptions {
  /** Two-sided confidence level, default 0.95. */
  level?: number;
  /** Interval type, default "log". */
  conf?: ConfType;
}

export function lifeTable(
  rows: readonly LifeTableInput[],
  {level = 0.95, conf = "log"}: LifeTableOptions = {}
): LifeTableRow[] {
  checkLevel(level);
  checkConf(conf);
  const z = normalCritical(level);
  let s = 1;
  let greenwood = 0; // Σ d / (n' (n' − d)), the variance of ln S
  return rows.map((row, i) => {
    const atRisk = toCount(row.atRisk, `rows[${i}].atRisk`);
    const events = toCount(row.events, `rows[${i}].events`);
    const censored = toCount(row.censored, `rows[${i}].censored`);
    if (events + censored > atRisk)
      throw new RangeError(`rows[${i}]: events + censored (${events + censored}) exceed atRisk (${atRisk})`);
    const effective = atRisk - censored / 2;
    ({s, greenwood} = productLimitStep(s, greenwood, events, effective));
    const {stdErr, lower, upper} = survivalEstimate(s, greenwood, z, conf);
    return {atRisk, events, censored, effective, survival: s, stdErr, lower, upper};
  });
}
