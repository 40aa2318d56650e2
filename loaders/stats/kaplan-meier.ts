/**
 * Kaplan–Meier product-limit estimator with Greenwood standard errors and
 * pointwise confidence intervals, matching R `survival::survfit` (v3.x).
 *
 * For distinct times t_j with n_j at risk and d_j events (Kaplan & Meier
 * 1958, JASA 53:457–481; Klein & Moeschberger, Survival Analysis 2nd ed.
 * 2003, eqs. 4.2.1–4.2.2):
 *
 *   S(t) = Π_{t_j ≤ t} (1 − d_j/n_j)
 *   σ²(t) = Σ_{t_j ≤ t} d_j / (n_j (n_j − d_j))           (Greenwood 1926; variance of ln S)
 *   stdErr(t) = S(t) σ(t)                                 (SE of S(t) = R `summary(survfit)$std.err`)
 *
 * Confidence intervals, z = Φ⁻¹(1 − α/2) (Klein & Moeschberger §4.3; R survival's
 * `survfit` documentation and source, v3.x):
 * - "log" (default, as R): S·exp(∓ z σ), upper clipped at 1.
 * - "log-log": exp(−exp(ln(−ln S) ± z σ/|ln S|)) (lower uses +, upper uses −).
 * - "plain": S ∓ z S σ, clipped to [0, 1].
 *
 * Conventions (all as in R `survfit`):
 * - One row per distinct time, including times with only censorings.
 * - Censorings at t are at risk at t.
 * - Where S(t) = 0, stdErr, lower and upper are NaN (undefined) for every
 *   `conf` type.
 * - With "log-log", lower and upper are NaN where S(t) = 1 (before the first
 *   event), exactly like R's NA there. With "log"/"plain", S = 1 gives [1, 1].
 * - Empty input returns []. Mismatched lengths, non-finite times, events not
 *   boolean/0/1, or a level outside (0, 1) throw RangeError.
 *
 * @example
 * // AML data, maintained group (R `survival::aml`)
 * kaplanMeier([9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161], [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0]);
 * // rows: t=9 S=0.90909 (se 0.08668), t=13 S=0.81818, t=18 S=0.71591, t=23 S=0.61364, …
 */
import {normalCritical} from "./distributions/normal.ts";
import {survivalTable, type EventIndicator, type SurvivalTableRow} from "./survival-table.ts";
import {checkLevel, toCount, toFinite} from "./validate.ts";

export type ConfType = "log" | "log-log" | "plain";

export interface KaplanMeierOptions {
  /** Two-sided confidence level, default 0.95. */
  level?: number;
  /** Interval type, default "log" (R's default). */
  conf?: ConfType;
}

export interface KaplanMeierRow {
  time: number;
  atRisk: number;
  events: number;
  censored: number;
  survival: number;
  /** Greenwood standard error of S(t) (NaN where S = 0). */
  stdErr: number;
  lower: number;
  upper: number;
}

/** A survival-table row as it may come back from DuckDB (numbers, or BIGINT as string/bigint). */
export type SurvivalTableRowInput = {
  [K in keyof SurvivalTableRow]: number | string | bigint;
};

export function checkConf(conf: unknown): asserts conf is ConfType {
  if (conf !== "log" && conf !== "log-log" && conf !== "plain") {
    throw new RangeError(`conf must be "log", "log-log" or "plain", got ${String(conf)}`);
  }
}

/**
 * Pointwise limits of S from σ = the standard deviation of ln S (Greenwood),
 * z = the normal critical value (see the module comment for the three types).
 * Shared with the life-table estimator (life-table.ts).
 */
/**
 * One step of the product-limit estimate with Greenwood's variance of ln S:
 * S ← S (1 − d/n), Σ ← Σ + d / (n (n − d)) (infinite when everyone at risk
 * has the event). n is the number at risk (Kaplan-Meier) or the effective
 * number at risk n − c/2 (actuarial life table).
 */
export function productLimitStep(
  s: number,
  greenwood: number,
  events: number,
  n: number
): {s: number; greenwood: number} {
  if (events <= 0) return {s, greenwood};
  return {s: s * (1 - events / n), greenwood: n > events ? greenwood + events / (n * (n - events)) : Infinity};
}

/** Standard error and limits of S from Greenwood's variance of ln S. */
export function survivalEstimate(
  s: number,
  greenwood: number,
  z: number,
  conf: ConfType
): {stdErr: number; lower: number; upper: number} {
  const sigma = Math.sqrt(greenwood);
  const [lower, upper] = survivalLimits(s, sigma, z, conf);
  return {stdErr: s === 0 ? NaN : s * sigma, lower, upper};
}

export function survivalLimits(s: number, sigma: number, z: number, conf: ConfType): [number, number] {
  if (s === 0 || !Number.isFinite(sigma)) return [NaN, NaN];
  switch (conf) {
    case "log":
      return [s * Math.exp(-z * sigma), Math.min(1, s * Math.exp(z * sigma))];
    case "plain":
      return [Math.max(0, s - z * s * sigma), Math.min(1, s + z * s * sigma)];
    case "log-log": {
      if (s === 1) return [NaN, NaN];
      const logS = Math.log(s);
      const centre = Math.log(-logS);
      const half = (z * sigma) / Math.abs(logS);
      return [Math.exp(-Math.exp(centre + half)), Math.exp(-Math.exp(centre - half))];
    }
  }
}

/**
 * Kaplan–Meier estimate from an aggregated survival table (one row per
 * distinct time: time, at_risk, events, censored), e.g. the output of
 * `survivalTableSql` run in DuckDB or of `survivalTable`. Rows are sorted by
 * time here; duplicate times, negative counts or events + censored > at_risk
 * throw RangeError. Counts may be numbers, bigints or numeric strings.
 */
export function kaplanMeierFromTable(
  rows: readonly SurvivalTableRowInput[],
  {level = 0.95, conf = "log"}: KaplanMeierOptions = {}
): KaplanMeierRow[] {
  checkLevel(level);
  checkConf(conf);
  const table = rows
    .map((row, i) => {
      const parsed = {
        time: toFinite(row.time, `rows[${i}].time`),
        atRisk: toCount(row.at_risk, `rows[${i}].at_risk`),
        events: toCount(row.events, `rows[${i}].events`),
        censored: toCount(row.censored, `rows[${i}].censored`)
      };
      if (parsed.events + parsed.censored > parsed.atRisk) {
        throw new RangeError(
          `rows[${i}]: events + censored (${parsed.events + parsed.censored}) exceed at_risk (${parsed.atRisk})`
        );
      }
      return parsed;
    })
    .sort((a, b) => a.time - b.time);
  for (let i = 1; i < table.length; i++) {
    if (table[i].time === table[i - 1].time) throw new RangeError(`duplicate time ${table[i].time} in survival table`);
  }
  const z = normalCritical(level);
  let s = 1;
  let greenwood = 0; // Σ d / (n (n − d)), the variance of ln S
  return table.map(({time, atRisk, events, censored}) => {
    ({s, greenwood} = productLimitStep(s, greenwood, events, atRisk));
    const {stdErr, lower, upper} = survivalEstimate(s, greenwood, z, conf);
    return {time, atRisk, events, censored, survival: s, stdErr, lower, upper};
  });
}

/**
 * Kaplan–Meier estimate from individual observations (see module comment).
 * Implemented as `kaplanMeierFromTable(survivalTable(time, event), options)`.
 */
export function kaplanMeier(
  time: readonly number[],
  event: readonly EventIndicator[],
  options: KaplanMeierOptions = {}
): KaplanMeierRow[] {
  checkLevel(options.level ?? 0.95);
  checkConf(options.conf ?? "log");
  return kaplanMeierFromTable(survivalTable(time, event), options);
}

/**
 * Split a grouped survival table (e.g. `survivalTableSql(rel, {groupBy})`
 * output) by its group columns and run `kaplanMeierFromTable` on each part.
 * Groups are returned in order of first appearance.
 */
export function kaplanMeierByGroup<R extends SurvivalTableRowInput & Record<string, unknown>>(
  rows: readonly R[],
  groupBy: readonly string[],
  options: KaplanMeierOptions = {}
): {group: Record<string, unknown>; rows: KaplanMeierRow[]}[] {
  const parts = new Map<string, {group: Record<string, unknown>; rows: R[]}>();
  for (const row of rows) {
    const group = Object.fromEntries(groupBy.map((column) => [column, row[column]]));
    const key = groupBy.map((column) => `${typeof row[column]}:${String(row[column])}`).join("\u0000");
    let part = parts.get(key);
    if (part === undefined) parts.set(key, (part = {group, rows: []}));
    part.rows.push(row);
  }
  return [...parts.values()].map(({group, rows: partRows}) => ({group, rows: kaplanMeierFromTable(partRows, options)}));
}
