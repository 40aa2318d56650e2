/**
 * Result types of the analysis layer and the JSON shapes of the Framework data
 * loaders in src/data/*.json.ts (documented in loaders/analysis/README.md).
 *
 * Conventions for every published row:
 * - Rows are flat (primitive values only) so the privacy gate can treat each
 *   column as a count, a value derived from counts, a dimension or a label.
 * - Rates and differences are proportions (0–1), not percentages.
 * - A value hidden by the privacy gate is `null` and its column name is
 *   listed in the row's `suppressed` array (absent or empty = nothing hidden).
 *   Pages show "<5" (or the threshold in `meta.min_cell`) with a footnote.
 * - `null` can also mean "not estimable" (e.g. no comparison students); then
 *   the column is not in `suppressed`.
 */

export type SchemeTypeKey = "peer" | "adult_volunteer" | "professional" | "group" | "workplace";
export type PhaseKey =
  "first_weeks" | "gf1_gf2" | "school_to_apprenticeship" | "probation" | "main_course" | "final_stretch";

export type {FixedHorizonKey, HorizonKey} from "../horizons.ts";
import type {FixedHorizonKey, HorizonKey} from "../horizons.ts";
import type {RiskModel} from "./risk.ts";

/** Time origin of a comparison: intake (intake schemes) or the start of the læreplads (workplace schemes, landmark design). */
export type Origin = "intake" | "placement";

/** Programme groups used to split curves and hazards. */
export type ProgrammeGroup = "all" | "vocational" | "gymnasium" | "preparatory";

/** Cohort definition accepted by the analysis functions (all optional; validated, see `validateFilters`). */
export interface CohortFilters {
  /** Inclusive range of intake years. */
  intakeYears?: [number, number];
  programmes?: string[];
  mainAreas?: string[];
  institutions?: string[];
  /** Keep students without a mentor plus those mentored in these scheme types (combine with `mentor: true` for mentees only). */
  schemeTypes?: string[];
  /** true: only students with any mentorship; false: only students with none. */
  mentor?: boolean;
  ageBands?: string[];
  genders?: string[];
  priorBands?: string[];
}

/** Markers added by the privacy gate. */
export interface Gated {
  /** Columns hidden by the privacy gate (primary or complementary suppression). */
  suppressed?: string[];
}

/** Data provenance shown on every page. */
export interface DataInfo {
  /** From warehouse_meta.data_version, else "unknown". */
  data_version: string;
  /** From warehouse_meta.contract_version, else the contract in code (marked in `contract_version_source`). */
  contract_version: string;
  contract_version_source: "warehouse" | "code";
  /** ISO date: the extraction date from warehouse_meta if recorded, else the latest date anywhere in the warehouse. */
  data_date: string;
  data_date_source: "warehouse_meta" | "max_date";
  /** Smallest number of individuals a published cell may describe. */
  min_cell: number;
  /** Generated data, not about real students (warehouse_meta.synthetic, from the sources' dataset.json); null when the warehouse does not say. */
  synthetic: boolean | null;
  /** Who extracted the data (warehouse_meta.provider), if recorded. */
  provider: string | null;
  /** Longest follow-up in the data: days from the earliest intake to the data date. */
  follow_up_days: number;
  /** The maturity horizon asked for (MENTOR_MATURE_DAYS, default 1826 days). */
  mature_days_setting: number;
  /**
   * The maturity horizon in force ("ever" = cohorts followed at least this long): the setting when enough enrolments
   * (detailMin) have been followed that long, else the longest shorter choice that has them, else the setting (meta.ts).
   */
  mature_days: number;
  /** The earliest intake date of a student who started (null: no students). */
  first_intake: string | null;
  /** The last intake date of a mature cohort: data_date − mature_days ("ever" and the transition points cover intakes up to this date). */
  mature_until: string;
  /** The short horizon asked for (MENTOR_SHORT_HORIZON, default "1y"): benchmark, trend by intake year, recent scheme effects. */
  short_horizon_setting: FixedHorizonKey;
  /** The short horizon in force: the setting when enough enrolments have been followed that long, else the longest shorter fixed horizon that has them (meta.ts). */
  short_horizon: FixedHorizonKey;
  /** The data notice every page, export and README shows (notice.ts). */
  notice: Text2;
  /** What the headline effects estimate: population, horizon, time origin and comparison, in words (notice.ts estimandWords). */
  estimand: Text2;
  /** The follow-up lengths in words, for the pages: maturity in force, asked for, longest in the data; short horizon in force and asked for. */
  follow_up_words: {mature: Text2; setting: Text2; longest: Text2; short: Text2; short_setting: Text2};
}

/** Bilingual text. */
export interface Text2 {
  da: string;
  en: string;
}

// ---- Mentor vs no mentor -----------------------------------------------------

export type ComparisonDimension = "overall" | "intake_year" | "programme" | "main_area" | "institution";

/**
 * Mentor (from intake) vs no mentor at intake, within one group, at one horizon.
 * Denominators are enrolments whose intake is at least the horizon before the data date.
 */
export interface ComparisonRow extends Gated {
  dimension: ComparisonDimension;
  /** "all" for overall; the year, programme, main area ("none" for non-vocational) or institution id. */
  group: string;
  /** Display label (institution name; otherwise = group). */
  label: string;
  measure: "dropout" | "completion";
  horizon: HorizonKey;
  n_with: number | null;
  events_with: number | null;
  rate_with: number | null;
  rate_with_lower: number | null;
  rate_with_upper: number | null;
  n_without: number | null;
  events_without: number | null;
  rate_without: number | null;
  rate_without_lower: number | null;
  rate_without_upper: number | null;
  /** rate_with − rate_without (negative = fewer with a mentor), Newcombe hybrid score interval. */
  diff: number | null;
  diff_lower: number | null;
  diff_upper: number | null;
}

// ---- Effects (naive and risk-adjusted) ----------------------------------------

/**
 * Naive and adjusted difference for one scheme type, one named scheme or overall.
 * risk difference = dropout with mentor − dropout without (negative = benefit).
 */
export interface EffectRow extends Gated {
  level: "overall" | "scheme_type" | "scheme";
  /** "all" on the overall row. */
  scheme_type: SchemeTypeKey | "all";
  scheme_id: string | null;
  scheme_name: string | null;
  origin: Origin | "mixed";
  horizon: HorizonKey;
  /** Mentees in the comparison (all, before the common-support restriction). */
  n_mentored: number | null;
  dropped_mentored: number | null;
  rate_mentored: number | null;
  rate_mentored_lower: number | null;
  rate_mentored_upper: number | null;
  /** Comparison students: same institutions × programmes (workplace: apprentices in the same programmes × main areas) without a mentor, from the year the scheme was first used there. Crude counts. */
  n_comparison: number | null;
  dropped_comparison: number | null;
  /** Dropout of the comparison students weighted to the mentees' mix of institutions × programmes (workplace: programmes × main areas) — "their schoolmates"; Wald interval. */
  rate_comparison: number | null;
  rate_comparison_lower: number | null;
  rate_comparison_upper: number | null;
  /** Naive difference rate_mentored − rate_comparison: mentees vs schoolmates without a mentor, no adjustment for who is offered a mentor (Wald interval). */
  naive: number | null;
  naive_lower: number | null;
  naive_upper: number | null;
  /** Direct standardisation to the mentees (ATT) over strata; Wald interval from the stratum binomial variances. */
  adjusted: number | null;
  adjusted_lower: number | null;
  adjusted_upper: number | null;
  /** Standardised dropout the mentees would have had without a mentor (their strata, comparison rates). */
  adjusted_rate_without: number | null;
  /** Share of mentees in strata that have comparison students (the adjusted estimate covers only these). */
  support_share: number | null;
  /** Number of strata with both mentees and comparison students. */
  strata: number | null;
}

// ---- Baseline risk ------------------------------------------------------------------

/** Mentees needed to prevent one dropout (kind "benefit") or per extra dropout ("harm"), from the adjusted difference; null when its interval contains 0 or it is hidden. */
export interface NumberNeededColumns {
  nnt: number | null;
  nnt_lower: number | null;
  nnt_upper: number | null;
  nnt_kind: "benefit" | "harm" | null;
}

/** The mentor effect among all mentees of one baseline-risk band (fifth; analysis/risk.ts; "ever" horizon). */
export interface RiskBandEffectRow extends EffectRow, NumberNeededColumns {
  risk_band: number;
}

/** The mentor effect of one scheme type among its mentees in a risk group: contiguous bands (loaders/risk-bands.ts riskGroups). */
export interface RiskGroupEffectRow extends EffectRow, NumberNeededColumns {
  /** "1-2", "3", "3-5". */
  risk_group: string;
  band_from: number;
  band_to: number;
}

/** Students of mature cohorts in a baseline-risk band, by their first mentorship's scheme type ("none": no mentor; "all": everyone). */
export interface RiskBandReachRow extends Gated {
  risk_band: number;
  scheme_type: SchemeTypeKey | "none" | "all";
  students: number | null;
}

/** Calibration of the risk model: students of the fitting population (mature, no mentor) per decile of predicted risk. */
export interface RiskCalibrationRow extends Gated {
  risk_decile: number;
  students: number | null;
  dropped: number | null;
  /** Observed share with its Wilson interval. */
  observed: number | null;
  observed_lower: number | null;
  observed_upper: number | null;
  /** Mean predicted risk in the decile (a model output, from the decile's students). */
  predicted: number | null;
}

// ---- Transition points ---------------------------------------------------------

/** P(drop out in phase | entered phase), by mentor status at the phase start. */
export interface HazardRow extends Gated {
  phase: PhaseKey;
  /** "with": mentorship started on or before the phase start; "without": none by then. */
  mentor: "with" | "without";
  /** "all", or the scheme type of the mentorship ("with" rows only; "without" rows have "all"). */
  scheme_type: SchemeTypeKey | "all";
  programme: ProgrammeGroup;
  /** Main area within the vocational group, or "all" (see slices.ts). */
  main_area: string;
  /** Intake period key ("2014-2016") or "all". */
  period: string;
  entered: number | null;
  dropped: number | null;
  hazard: number | null;
  hazard_lower: number | null;
  hazard_upper: number | null;
}

/** Mentor effect within one phase: naive and standardised hazard differences (among those who entered the phase). */
export interface PhaseEffectRow extends Gated {
  phase: PhaseKey;
  scheme_type: SchemeTypeKey | "all";
  entered_with: number | null;
  dropped_with: number | null;
  entered_without: number | null;
  dropped_without: number | null;
  naive: number | null;
  naive_lower: number | null;
  naive_upper: number | null;
  adjusted: number | null;
  adjusted_lower: number | null;
  adjusted_upper: number | null;
  support_share: number | null;
}

/** Which curve a row belongs to (life-table bands and Kaplan-Meier points alike). */
export interface CurveKey extends Gated {
  /** "mentor": with/without a mentor from intake; "scheme_type": one curve per intake scheme type + "none"; "workplace": apprentices with/without a workplace mentor from the placement start. */
  set: "mentor" | "scheme_type" | "workplace";
  group: string;
  programme: ProgrammeGroup;
  main_area: string;
  period: string;
  origin: Origin;
}

/**
 * One band of a life-table retention curve on the site (S = share not dropped
 * out). The counts are those published by the counts gate (null where
 * hidden); survival and its limits are computed from them alone (actuarial
 * life table, loaders/stats/life-table.ts) and describe the END of the band.
 * A curve's rows stop at the first band with a hidden count (that band's row
 * carries no survival). Bands: loaders/analysis/curve-bands.ts.
 */
export interface CurveBand extends CurveKey {
  /** Band start, days from the origin (inclusive). */
  time: number;
  /** Band end, days from the origin (exclusive); null for the last, open band. */
  time_end: number | null;
  /** Number with time ≥ band start. */
  at_risk: number | null;
  /** Dropouts in the band. */
  events: number | null;
  /** Censored in the band: reached the data date without dropping out (completers and transfers stay at risk until then). */
  censored: number | null;
  /** S(time_end): share not dropped out by the band's end (null for the open band and where counts are hidden). */
  survival: number | null;
  lower: number | null;
  upper: number | null;
}

/** One point of a Kaplan-Meier retention curve (S = share not dropped out); the researcher export's daily curves. */
export interface CurvePoint extends CurveKey {
  /** Days from the origin. */
  time: number;
  survival: number | null;
  lower: number | null;
  upper: number | null;
  at_risk: number | null;
}

/**
 * Log-rank test between the groups of a curve set. On the site: from the published life-table band counts
 * (`curveLogRank`; only when every group is published to its end); in the researcher export: from the exact daily table.
 */
export interface LogRankRow {
  set: "mentor" | "scheme_type" | "workplace";
  programme: ProgrammeGroup;
  main_area: string;
  period: string;
  /** Groups compared, comma-separated. */
  groups: string;
  chi_square: number | null;
  df: number | null;
  p_value: number | null;
}

/** When each stage starts: days from intake (median and quartiles) among those who entered it. */
export interface StageTimingRow extends Gated {
  programme: ProgrammeGroup;
  stage: string;
  /** The transition point that starts here (null if none). */
  phase: PhaseKey | null;
  entered: number | null;
  median_day: number | null;
  q1_day: number | null;
  q3_day: number | null;
}

// ---- Schemes: process vs outcome -------------------------------------------------

export type ContactBand = "le24" | "24_72" | "72_168" | "gt168" | "unknown";

/** Dropout within one year of the mentorship start, by a process measure. */
export interface ProcessRow extends Gated {
  scheme_id: string;
  scheme_type: SchemeTypeKey;
  /** Which process measure splits the rows. */
  measure: "contact" | "meetings" | "rematched";
  /** contact: ContactBand; meetings: "lt1" | "1_2" | "2_4" | "ge4" (meetings per active month) | "unknown"; rematched: "yes" | "no". */
  band: string;
  n: number | null;
  dropped: number | null;
  rate: number | null;
  rate_lower: number | null;
  rate_upper: number | null;
}

/** Facts from the schemes table plus process summaries. */
export interface SchemeFactRow extends Gated {
  scheme_id: string;
  name: string;
  scheme_type: SchemeTypeKey;
  host_institution_id: string;
  host_name: string | null;
  start_year: number;
  funding: string;
  mentor_fte: number | null;
  target_hours_to_first_contact: number | null;
  description: string | null;
  mentorships: number | null;
  /** Median hours to first contact. */
  median_hours_to_contact: number | null;
  /** Share contacted within the scheme's own target (null when no target). */
  within_target_share: number | null;
  within_target: number | null;
  rematched: number | null;
  rematched_share: number | null;
  median_meetings_per_month: number | null;
}

// ---- Benchmark -------------------------------------------------------------------

export interface BenchmarkRow extends Gated {
  institution_id: string;
  name: string;
  /** "vocational", "gymnasium", "preparatory" or "mixed". */
  profile: string;
  main_areas: string;
  size_band: string;
  n: number | null;
  dropped: number | null;
  rate: number | null;
  rate_lower: number | null;
  rate_upper: number | null;
  /** Expected dropouts given the student mix (indirect standardisation, all institutions' stratum rates). */
  expected: number | null;
  /** The same as a share of the institution's students (expected / n), to sit beside the observed rate. */
  expected_rate: number | null;
  oe: number | null;
  oe_lower: number | null;
  oe_upper: number | null;
  /** Indirectly standardised rate = O/E × overall rate: the dropout at the average student mix. */
  adjusted_rate: number | null;
  /** The funnel's limits of O/E at this institution's expected dropouts (95 % and 99.8 %). */
  limit95_lower: number | null;
  limit95_upper: number | null;
  limit998_lower: number | null;
  limit998_upper: number | null;
  /** O/E against those limits: "below_998" | "below_95" | "within" | "above_95" | "above_998" (the dot and the verdict alike). */
  funnel_position: string | null;
  peer_group: string;
  /** How far the peer search widened: "profile_area" (same profile and main area), "profile" or "all". */
  peer_basis: string;
  /** Ids of peers (at least MIN_PEERS, nearest in size), comma-separated. */
  peers: string;
  /** Ids of schemes hosted by the institution or with enough mentees there, comma-separated. */
  schemes: string;
}

/** How much the schools vary beyond chance, and which funnel limits that led to. */
export interface FunnelDispersion {
  /** Schools with expected dropouts > 0. */
  schools: number;
  /** Dispersion factor φ (mean squared winsorised z-score; 1 = as much as chance). */
  phi: number | null;
  /** Between-school variance of O/E (DerSimonian–Laird); 0 = none beyond chance. */
  tau2: number;
  /** P-value of the test of no over-dispersion. */
  p: number | null;
  /** "exact": exact Poisson limits; "random_effects": limits widened by τ². */
  method: "exact" | "random_effects";
}

export interface FunnelPoint {
  /** Expected dropouts (the funnel's x). */
  expected: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

// ---- Cohort cells ----------------------------------------------------------------

/** Aggregated cell for client-side cohort filtering. Status at the data date. */
export interface CohortCell extends Gated {
  intake_year: number;
  programme: string;
  programme_group: ProgrammeGroup;
  /** "none" for programmes without main areas. */
  main_area: string;
  /** Scheme type of the mentorship, or "none". */
  scheme_type: SchemeTypeKey | "none";
  n: number | null;
  completed: number | null;
  dropped: number | null;
  transferred: number | null;
  ongoing: number | null;
  dropped_first_weeks: number | null;
  dropped_gf1_gf2: number | null;
  dropped_school_to_apprenticeship: number | null;
  dropped_probation: number | null;
  dropped_main_course: number | null;
  dropped_final_stretch: number | null;
}

/** A cohort cell of the site: one slice (programme group × main area × intake period, "all" included) and mentor group. */
export type CohortPeriodCell = Omit<CohortCell, "intake_year" | "scheme_type"> & {
  period: string;
  scheme_type: SliceOutcomeRow["scheme_type"];
};

/**
 * Status counts and dropouts per phase of one mentor group in one slice: scheme_type is "none" or a scheme type,
 * or, in a slice whose groups are merged (detail.ts), "with" (an intake scheme type) or "without".
 */
export type SliceOutcomeRow = Omit<CohortCell, "intake_year" | "programme" | "programme_group" | "scheme_type"> & {
  programme: ProgrammeGroup;
  period: string;
  scheme_type: SchemeTypeKey | "none" | "with" | "without";
};

// ---- External --------------------------------------------------------------------

export interface ExternalRow extends Gated {
  programme_name: string;
  scheme_type: SchemeTypeKey | null;
  country: string;
  year: number;
  measure: string;
  value: number;
  source: string;
  note: string | null;
}

// ---- Loader outputs (src/data/*.json) ----------------------------------------------

export interface OverviewJson {
  meta: DataInfo;
  headline: {
    /** Students who started (no-shows left out, as in every rate). */
    students: number | null;
    /** Students with any mentorship (intake or workplace). */
    mentored: number | null;
    mentored_intake: number | null;
    mentored_workplace: number | null;
    /** No-shows: admitted but withdrew before the intake date; in no rate or population. */
    no_shows: number | null;
    suppressed?: string[];
  };
  /** Overall effect (all mentees, dropout ever among mature cohorts) and one row per scheme type. */
  effects: EffectRow[];
  /** Dropout with vs without a mentor: dimension "overall" (horizons "ever" and the short horizon in force) and "intake_year" (the short horizon), what the pages show. */
  comparisons: ComparisonRow[];
  caveat: Text2;
}

/** One slice's curves, tests, status counts and stage hazards (src/generated/slices/<key>.json). */
export interface SliceJson {
  key: string;
  programme: ProgrammeGroup;
  main_area: string;
  period: string;
  /** Mentor groups one by one, or merged into with/without (detail.ts). */
  groups: "types" | "mentor";
  /** Rows without the slice columns (programme, main_area, period): the slice is named once, above. */
  hazards: Omit<HazardRow, SliceColumn>[];
  /** Status at the data date and dropouts per phase, per mentor group (scheme_type, "none" without a mentor). */
  outcomes: Omit<SliceOutcomeRow, SliceColumn>[];
  /** Life-table bands of every curve of the slice. */
  curves: Omit<CurveBand, SliceColumn>[];
  log_rank: Omit<LogRankRow, SliceColumn>[];
}

export type SliceColumn = "programme" | "main_area" | "period";

/** What the slice files cover: the filter options of the transitions and cohorts pages. */
export interface SliceIndex {
  periods: {key: string; from: number; to: number}[];
  /** Programme group × main area choices (main areas within the vocational group only). */
  programmes: {programme: ProgrammeGroup; main_area: string}[];
  /** Main area → slug used in slice keys (and the pages' URLs). */
  area_slugs: Record<string, string>;
  /**
   * Every slice file: its key, what it covers and its mentor groups ("types": one by one; "mentor": merged into
   * with/without, detail.ts). A period slice left out (too few students) is shown for all intake years instead.
   */
  slices: {key: string; programme: ProgrammeGroup; main_area: string; period: string; groups: "types" | "mentor"}[];
  /** Least students of a group shown on its own (detail.ts). */
  detail_min: number;
}

export interface TransitionsJson {
  meta: DataInfo;
  slices: SliceIndex;
  phase_effects: PhaseEffectRow[];
  stage_timing: StageTimingRow[];
  /** Notes on definitions (phase rules, censoring). */
  notes: Text2;
}

export interface SchemesJson {
  meta: DataInfo;
  /** level "scheme_type" and "scheme" rows, horizon "ever" (mature cohorts) and the short horizon in force. */
  effects: EffectRow[];
  facts: SchemeFactRow[];
  process: ProcessRow[];
  caveat: Text2;
}

export interface BenchmarkJson {
  meta: DataInfo;
  horizon: HorizonKey;
  /** Overall dropout rate of all institutions together. */
  target: number | null;
  /** Strata used for the expected numbers. */
  strata: string[];
  institutions: BenchmarkRow[];
  /** Limits of O/E around 1 on a grid of expected dropouts. */
  funnel: FunnelPoint[];
  dispersion: FunnelDispersion;
  /** Schools of each funnel position among those whose position is published. */
  positions: Record<string, number>;
  scheme_names: Record<string, string>;
  /** Dropout with vs without a mentor per institution at the benchmark horizon, for institutions with at least `detail_min` students in each group. */
  comparisons: ComparisonRow[];
  /** The same comparison for all institutions together (the overview's row). */
  overall_comparison: ComparisonRow | null;
  /** Least students with and without a mentor for an institution's own comparison (loaders/analysis/detail.ts). */
  detail_min: number;
}

export interface CohortsJson {
  meta: DataInfo;
  slices: SliceIndex;
  /** The cohort cells by column (column name → values, row i across columns); a hidden count is null. */
  cells: {[K in Exclude<keyof CohortPeriodCell, "suppressed">]-?: CohortPeriodCell[K][]};
}

export interface ExternalJson {
  meta: DataInfo;
  rows: ExternalRow[];
  note: Text2;
}

export interface IngestLogRow extends Gated {
  path: string;
  table: string;
  sha256: string | null;
  rows_read: number | null;
  rows_accepted: number | null;
  rows_rejected: number | null;
}

/** Target pools of the what-if page: students of mature cohorts by programme group, baseline-risk band ("all" = every band) and mentor. */
export interface ScenarioPoolRow extends Gated {
  /** A programme group ("vocational", "gymnasium", "preparatory") or "all". */
  programme: ProgrammeGroup;
  risk_band: number | "all";
  /** "none" = no mentor at all (whom an extra mentor would reach); a scheme type = its mentees (the data's support). */
  scheme_type: SchemeTypeKey | "none";
  students: number | null;
}

/** Observed mentees per mentor full-time equivalent of a scheme type (schemes with a stated mentor_fte and published mentorships). */
export interface MenteesPerFte {
  scheme_type: SchemeTypeKey;
  /** Mentorships per year over the schemes' years in the data, summed. */
  mentorships_per_year: number | null;
  fte: number | null;
  per_fte: number | null;
  schemes: string[];
}

export interface ScenarioJson {
  meta: DataInfo;
  /** The risk model (coefficients, cut points, C-statistic); null when it could not be fitted. */
  model: RiskModel | null;
  band_effects: RiskBandEffectRow[];
  group_effects: RiskGroupEffectRow[];
  reach: RiskBandReachRow[];
  pools: ScenarioPoolRow[];
  /** The transition points' adjusted hazard differences (the same rows as the transitions page). */
  phase_effects: PhaseEffectRow[];
  mentees_per_fte: MenteesPerFte[];
  caveat: Text2;
}

export interface MethodsJson {
  meta: DataInfo;
  /** The baseline-risk model and its calibration by decile (analysis/risk.ts). */
  risk: {model: RiskModel | null; calibration: RiskCalibrationRow[]};
  ingest_log: IngestLogRow[];
  /** Adjustment strata (column names) per comparison type. */
  strata: {intake: string[]; workplace: string[]; benchmark: string[]};
  phase_cutoffs: {first_weeks_days: number; probation_days: number; placement_gap_days: number};
  /** The horizons computed (loaders/horizons.ts), with the fixed ones' length in words. */
  horizons: {key: HorizonKey; days: number | null; words: Text2 | null}[];
  suppression: Text2;
  /** What the disclosure audit did: hidden counts per page before it (the gate's own rules) and after (what is published). */
  disclosure: {
    pages: {page: string; cells: number; hidden_gate: number; hidden: number}[];
    audit: {atoms: number; variables: number; cells: number; lps: number; seconds: number};
  };
}
