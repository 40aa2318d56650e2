/**
 * The true values of the dashboard's effect estimates, read from a synthetic
 * data set's truth.json.
 *
 * Preferred source: `truth.estimands` (counterfactual counts per intake year
 * and target, censored like the data):
 *
 *   estimands.by_intake_year[year][target][horizon] = {n, dropped_with, dropped_without}
 *   estimands.by_intake_year[year][target].phases[phase] = {entered_with, dropped_with, entered_without, dropped_without}
 *
 * - risk difference at a horizon = Σ_years (dropped_with − dropped_without) / Σ_years n,
 *   over the intake years the estimate covers (for "ever": every year present; the
 *   maturity rule is already in n, so immature years contribute n = 0);
 * - phase hazard difference = Σ dropped_with / Σ entered_with − Σ dropped_without / Σ entered_without,
 *   over the same years as "ever" (the phase estimates use mature cohorts): the years whose "ever" n > 0.
 *
 * Fallback, only when a truth.json has no `estimands` (generator ≤ 1.1.0): the
 * older `mentored_population` fields — risk difference of the 2014–2020 cohorts
 * (`cohorts_2014_2020`, uncensored; the closest old field to the mature cohorts
 * of "ever") and the phase hazards over all mentees. These are approximations of
 * the estimands and are marked `source: "legacy"` wherever they are used.
 */

export interface HorizonCounts {
  n: number;
  dropped_with: number;
  dropped_without: number;
}

export interface PhaseCounts {
  entered_with: number;
  dropped_with: number;
  entered_without: number;
  dropped_without: number;
}

/** One target's counts in one intake year: a HorizonCounts per horizon key ("ever", "3m", …) and the phases. */
export interface TargetCounts {
  phases?: Record<string, PhaseCounts>;
  [horizon: string]: HorizonCounts | Record<string, PhaseCounts> | undefined;
}

export interface Estimands {
  data_date: string;
  mature_days: number;
  horizon_days: Record<string, number>;
  by_intake_year: Record<string, Record<string, TargetCounts>>;
  /** "ever" counts per risk-model covariate cell and scheme type (generator ≥ 1.3.0; loaders/validate/risk-bands.ts). */
  risk_cells?: {columns: string[]; rows: (string | number)[][]};
}

/** The fields of a truth.json this module reads (both generations). */
export interface TruthJson {
  estimands?: Estimands;
  mentored_population?: {
    overall?: LegacyTally;
    by_scheme_type?: Record<string, LegacyTally>;
    by_scheme?: Record<string, LegacyTally>;
  };
  generator?: {version?: string};
}

interface LegacyTally {
  risk_difference?: number | null;
  cohorts_2014_2020?: {risk_difference?: number | null};
  phases?: Record<string, {hazard_with?: number | null; hazard_without?: number | null}>;
}

export type TruthSource = "estimands" | "legacy";

export interface TruthValue {
  value: number | null;
  source: TruthSource;
}

export interface RiskOptions {
  /** Horizon key of the estimands ("ever", "3m", "1y", "2y", "5y"); default "ever". */
  horizon?: string;
  /** Intake years covered, inclusive [from, to]; default: every year present. */
  years?: [number, number];
}

const inYears = (year: string, years?: [number, number]) =>
  !years || (Number(year) >= years[0] && Number(year) <= years[1]);

/** True risk difference (with − without mentor) of a target ("overall", a scheme type or a scheme id); null when n = 0. */
export function riskDifferenceTruth(
  estimands: Estimands,
  target: string,
  {horizon = "ever", years}: RiskOptions = {}
): number | null {
  let n = 0;
  let diff = 0;
  for (const [year, targets] of Object.entries(estimands.by_intake_year)) {
    if (!inYears(year, years)) continue;
    const c = targets[target]?.[horizon] as HorizonCounts | undefined;
    if (!c) continue;
    n += c.n;
    diff += c.dropped_with - c.dropped_without;
  }
  return n > 0 ? diff / n : null;
}

/** The intake years with mature mentees of a target ("ever" n > 0), as [first, last]; null when none. */
export function matureYears(estimands: Estimands, target: string): [number, number] | null {
  const years = Object.entries(estimands.by_intake_year)
    .filter(([, targets]) => ((targets[target]?.ever as HorizonCounts | undefined)?.n ?? 0) > 0)
    .map(([year]) => Number(year));
  return years.length ? [Math.min(...years), Math.max(...years)] : null;
}

/**
 * True phase hazard difference of a target: pooled hazard with minus pooled hazard without,
 * over `years` (default: the target's mature years, see matureYears); null when a side has no entrants.
 */
export function phaseHazardTruth(
  estimands: Estimands,
  target: string,
  phase: string,
  years?: [number, number]
): number | null {
  const span = years ?? matureYears(estimands, target);
  if (!span) return null;
  let ew = 0,
    dw = 0,
    eo = 0,
    dwo = 0;
  for (const [year, targets] of Object.entries(estimands.by_intake_year)) {
    if (!inYears(year, span)) continue;
    const p = targets[target]?.phases?.[phase];
    if (!p) continue;
    ew += p.entered_with;
    dw += p.dropped_with;
    eo += p.entered_without;
    dwo += p.dropped_without;
  }
  return ew > 0 && eo > 0 ? dw / ew - dwo / eo : null;
}

/** Truth of the "ever" risk difference of a target: estimands when present, else the legacy 2014–2020 field. */
export function effectTruth(truth: TruthJson, target: string): TruthValue {
  if (truth.estimands)
    return {value: riskDifferenceTruth(truth.estimands, target, {horizon: "ever"}), source: "estimands"};
  const mp = truth.mentored_population;
  const tally = target === "overall" ? mp?.overall : (mp?.by_scheme_type?.[target] ?? mp?.by_scheme?.[target]);
  return {value: tally?.cohorts_2014_2020?.risk_difference ?? null, source: "legacy"};
}

/** Truth of a phase's hazard difference ("overall" = all mentees): estimands when present, else the legacy hazards. */
export function phaseTruth(truth: TruthJson, target: string, phase: string): TruthValue {
  if (truth.estimands) return {value: phaseHazardTruth(truth.estimands, target, phase), source: "estimands"};
  const mp = truth.mentored_population;
  const tally = target === "overall" ? mp?.overall : mp?.by_scheme_type?.[target];
  const p = tally?.phases?.[phase];
  const value = p && p.hazard_with != null && p.hazard_without != null ? p.hazard_with - p.hazard_without : null;
  return {value, source: "legacy"};
}
