// The pages' key findings in words: sentence generators that read the same
// published rows as the charts beside them (never the data files themselves).
// A hidden (suppressed) or missing value is never used: a sentence that would
// need one is left out, and KeyFindings skips it.
import type {Dictionary, Formatters} from "../i18n/index.js";

type F = Dictionary["findings"];

/** An estimate with its 95 % interval (differences and rates are proportions 0–1). */
export interface Estimate {
  estimate: number | null | undefined;
  lower: number | null | undefined;
  upper: number | null | undefined;
  /** Columns hidden by the privacy gate (any of estimate/lower/upper hides the estimate). */
  suppressed?: readonly string[];
}

const ok = (x: number | null | undefined): x is number => x !== null && x !== undefined && Number.isFinite(x);

/** An estimate that may be written about: nothing hidden, all three numbers present. */
export function usable<T extends Estimate>(
  e: T | null | undefined
): e is T & {estimate: number; lower: number; upper: number} {
  if (!e) return false;
  if (e.suppressed?.some((c) => c === "estimate" || c === "lower" || c === "upper")) return false;
  return ok(e.estimate) && ok(e.lower) && ok(e.upper);
}

/** Which way a difference points: its whole interval below zero, above zero, or spanning it. */
export function direction(e: {lower: number; upper: number}): "fewer" | "more" | "unclear" {
  return e.upper < 0 ? "fewer" : e.lower > 0 ? "more" : "unclear";
}

/** Size of a difference in percentage points, without sign: 0.041 → "4,1". */
export function ppSize(x: number, f: Formatters): string {
  return f.number(Math.abs(x) * 100, 1);
}

/** The interval of a difference in words: "mellem 1,6 og 6,5 procentpoint færre". */
export function rangeWords(e: {lower: number; upper: number}, t: F, f: Formatters): string {
  const d = direction(e);
  if (d === "fewer") return t.fewerRange(ppSize(e.upper, f), ppSize(e.lower, f));
  if (d === "more") return t.moreRange(ppSize(e.lower, f), ppSize(e.upper, f));
  return t.spanRange(ppSize(e.lower, f), ppSize(e.upper, f));
}

/** The row with the most negative estimate among those whose interval lies wholly below zero (null: none). */
function clearestBenefit<T extends Estimate>(rows: readonly T[]) {
  return (
    rows
      .filter(usable)
      .filter((r) => direction(r) === "fewer")
      .sort((a, b) => a.estimate - b.estimate)[0] ?? null
  );
}

// ---- Overview ----------------------------------------------------------------------

export interface NamedEstimate extends Estimate {
  /** Display name (scheme type, scheme, phase). */
  name: string;
  /** Said after a name in brackets, e.g. that a real name carries invented figures. */
  mark?: string;
}

/** A name with its mark: "TEC (opdigtede tal)". */
const named = (r: NamedEstimate) => (r.mark ? `${r.name} (${r.mark})` : r.name);

export interface YearRates {
  year: string;
  with: number | null;
  without: number | null;
}

export interface OverviewInput {
  /** The overall adjusted difference (the headline comparison). */
  overall: Estimate;
  /** The same comparison's raw (naive) difference. */
  naive: Estimate;
  /** Adjusted difference per scheme type (the types chart's blue dots). */
  types: readonly NamedEstimate[];
  /** Dropout within the short horizon by intake year (the trend chart; hidden rates null). */
  years: readonly YearRates[];
  /** The short horizon in words ("1 år"). */
  horizon: string;
}

/** Harm first (an interval wholly above zero), else what cannot be told from zero. */
function harmOrUncertain(rows: readonly NamedEstimate[], t: F, f: Formatters): string | null {
  const shown = rows.filter(usable);
  const harmful = shown.filter((r) => direction(r) === "more");
  if (harmful.length) return harmful.map((r) => t.harm(named(r), rangeWords(r, t, f))).join(" ");
  const unclear = shown.filter((r) => direction(r) === "unclear");
  return unclear.length ? t.uncertain(f.list(unclear.map(named))) : null;
}

/** The overall answer in one sentence (the overview's headline). */
export function overallSentence(overall: Estimate, t: F, f: Formatters): string | null {
  if (!usable(overall)) return null;
  return direction(overall) === "unclear"
    ? t.overallUnclear(rangeWords(overall, t, f))
    : t.overall(ppSize(overall.estimate, f), rangeWords(overall, t, f), direction(overall) === "fewer");
}

/** Raw against adjusted difference of the one overall comparison (the headline itself stands above the findings). */
export function overviewFindings(
  {overall, naive, types, years, horizon}: OverviewInput,
  t: F,
  f: Formatters
): (string | null)[] {
  // adjusting moves the difference down when the mentees' own risk was higher than their schoolmates' (and up when lower)
  const headline =
    usable(overall) && usable(naive) && f.pp(naive.estimate) !== f.pp(overall.estimate)
      ? t.rawVsAdjusted(f.pp(naive.estimate), f.pp(overall.estimate), overall.estimate < naive.estimate)
      : null;
  const best = clearestBenefit(types);
  const helps = best
    ? t.typeHelpsMost(best.name, ppSize(best.estimate, f), rangeWords(best, t, f))
    : types.some(usable)
      ? t.noTypeHelps
      : null;
  // the year with the highest dropout (with or without a mentor), both rates of that year
  const highest = years
    .flatMap((y) => [y.with, y.without].filter(ok).map((r) => ({y, r})))
    .sort((a, b) => b.r - a.r)[0];
  const year = highest
    ? t.yearHighest(
        highest.y.year,
        horizon,
        f.list(
          [
            ok(highest.y.without) ? `${f.pct(highest.y.without)} ${t.withoutMentorLower}` : null,
            ok(highest.y.with) ? `${f.pct(highest.y.with)} ${t.withMentorLower}` : null
          ].filter((s): s is string => s !== null)
        )
      )
    : null;
  return [headline, helps, harmOrUncertain(types, t, f), year];
}

// ---- Transitions ---------------------------------------------------------------------

export interface PhaseHazard {
  /** Phase name as shown. */
  phase: string;
  mentor: "with" | "without";
  hazard: number | null;
  suppressed?: readonly string[];
}

export interface TransitionsInput {
  /** The hazards chart's rows (chosen selection and scheme type). */
  hazards: readonly PhaseHazard[];
  /** The difference per phase the right-hand chart shows as its answer (adjusted where published, else unadjusted). */
  effects: readonly NamedEstimate[];
  /** Whether `effects` are risk-adjusted. */
  adjusted: boolean;
}

const hazardOf = (d: PhaseHazard | undefined) =>
  d && !d.suppressed?.includes("hazard") && ok(d.hazard) ? d.hazard : null;

export function transitionsFindings(
  {hazards, effects, adjusted}: TransitionsInput,
  t: F,
  f: Formatters
): (string | null)[] {
  const without = hazards
    .filter((d) => d.mentor === "without" && hazardOf(d) !== null)
    .sort((a, b) => hazardOf(b)! - hazardOf(a)!)[0];
  const withRate = without ? hazardOf(hazards.find((d) => d.mentor === "with" && d.phase === without.phase)) : null;
  const highest = without
    ? t.phaseHighest(without.phase, f.pct(hazardOf(without)), withRate === null ? null : f.pct(withRate))
    : null;
  const best = clearestBenefit(effects);
  const shown = effects.filter(usable);
  const helps = best
    ? t.phaseHelpsMost(best.name, ppSize(best.estimate, f), rangeWords(best, t, f), adjusted)
    : shown.length
      ? t.noPhaseHelps
      : null;
  const harmful = shown.filter((r) => direction(r) === "more");
  const harm = harmful.length ? harmful.map((r) => t.harm(t.phaseWord(r.name), rangeWords(r, t, f))).join(" ") : null;
  const unclear = shown.filter((r) => direction(r) === "unclear").length;
  // "no phase helps" already says that every interval includes zero
  const uncertain = best && unclear ? t.phasesUncertain(f.count(unclear), f.count(shown.length)) : null;
  return [highest, helps, harm, uncertain];
}

// ---- Schemes ---------------------------------------------------------------------------

export interface SchemeEstimate extends NamedEstimate {
  /** Raw dropout of the mentees and of their schoolmates without a mentor (same row). */
  rate_mentored: number | null;
  rate_comparison: number | null;
}

export interface SchemesInput {
  schemes: readonly SchemeEstimate[];
  types: readonly SchemeEstimate[];
}

export function schemesFindings({schemes, types}: SchemesInput, t: F, f: Formatters): (string | null)[] {
  const best = clearestBenefit(schemes);
  const first = best
    ? t.schemeHelpsMost(named(best), ppSize(best.estimate, f), rangeWords(best, t, f))
    : schemes.some(usable)
      ? t.noSchemeHelps
      : null;
  const bestType = clearestBenefit(types);
  const second = bestType
    ? t.typeHelpsMost(bestType.name, ppSize(bestType.estimate, f), rangeWords(bestType, t, f))
    : types.some(usable)
      ? t.noTypeHelps
      : null;
  const harmful = [...types, ...schemes].filter(usable).filter((r) => direction(r) === "more");
  const highest = types
    .filter((r) => ok(r.rate_mentored) && ok(r.rate_comparison))
    .sort((a, b) => b.rate_mentored! - a.rate_mentored!)[0];
  const third = harmful.length
    ? harmful.map((r) => t.harm(named(r), rangeWords(r, t, f))).join(" ")
    : highest
      ? t.schemeHighest(highest.name, f.pct(highest.rate_mentored), f.pct(highest.rate_comparison))
      : null;
  const shown = schemes.filter(usable);
  const unclear = shown.filter((r) => direction(r) === "unclear").length;
  const fourth = unclear ? t.schemesUncertain(f.count(unclear), f.count(shown.length)) : null;
  return [first, second, third, fourth];
}

// ---- Cohorts ---------------------------------------------------------------------------

export interface GroupShare {
  /** Group name as shown. */
  label: string;
  share: number | null;
  lower: number | null;
  upper: number | null;
}

export interface CohortHazard {
  phase: string;
  mentor: "with" | "without";
  /** The hazard chart's series name. */
  series: string;
  hazard: number | null;
  hazard_lower: number | null;
  hazard_upper: number | null;
  suppressed?: readonly string[];
}

export interface CohortsInput {
  groups: readonly GroupShare[];
  hazards: readonly CohortHazard[];
}

export function cohortsFindings({groups, hazards}: CohortsInput, t: F, f: Formatters): (string | null)[] {
  const shownGroups = groups.filter((g) => ok(g.share) && ok(g.lower) && ok(g.upper));
  const top = [...shownGroups].sort((a, b) => b.share! - a.share!)[0];
  // "highest" only of what is shown: hidden groups are named, not ranked
  const hiddenGroups = groups
    .filter((g) => !shownGroups.includes(g))
    .map((g) => (f.lang === "da" ? `»${g.label}«` : `“${g.label}”`));
  const first = !top
    ? null
    : hiddenGroups.length
      ? t.groupHighestOfShown(
          top.label,
          f.pct(top.share),
          t.shareRange(f.pct(top.lower), f.pct(top.upper)),
          f.list(hiddenGroups)
        )
      : t.groupHighest(top.label, f.pct(top.share), t.shareRange(f.pct(top.lower), f.pct(top.upper)));
  const rate = (d: CohortHazard | undefined) => hazardOf(d as PhaseHazard | undefined);
  const without = hazards.filter((d) => d.mentor === "without" && rate(d) !== null);
  const worst = [...without].sort((a, b) => rate(b)! - rate(a)!)[0];
  const second = worst ? t.cohortPhaseHighest(worst.phase, f.pct(rate(worst))) : null;
  // the largest clear gap (intervals apart) between a mentor group and no mentor at the same transition, as both shares
  const apart = (a: CohortHazard, b: CohortHazard) =>
    ok(a.hazard_upper) && ok(b.hazard_lower) && a.hazard_upper < b.hazard_lower;
  const gaps = hazards
    .filter((d) => d.mentor === "with" && rate(d) !== null)
    .flatMap((d) => {
      const w = without.find((x) => x.phase === d.phase);
      return w ? [{d, w, gap: rate(w)! - rate(d)!}] : [];
    });
  const clear = gaps.filter((g) => g.gap > 0 && apart(g.d, g.w)).sort((a, b) => b.gap - a.gap)[0];
  const gap = clear
    ? t.cohortGap(clear.d.phase, clear.d.series, f.pct(rate(clear.d)), f.pct(rate(clear.w)))
    : gaps.length
      ? t.noCohortGap
      : null;
  return [first, second, gap, t.cohortRaw];
}
