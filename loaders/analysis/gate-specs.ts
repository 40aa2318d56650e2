/**
 * How each table the site publishes passes the privacy gate (loaders/privacy): its labels, cell
 * dimensions, count measures and the estimates derived from them. One spec per table, shared by the
 * site build (site-build.ts) and the researcher export (loaders/export/tables.ts), so the same students
 * are the same cells in both.
 */
import {PHASES, STARTED_OUTCOMES} from "../contract/contract.ts";
import {PublicationRegistry, type CountColumn, type Value} from "../privacy/index.ts";
import type {ComparisonRow, EffectRow, HazardRow, RiskBandEffectRow, RiskGroupEffectRow} from "./types.ts";

export const rateCols = (p: string) => [p, `${p}_lower`, `${p}_upper`];

/** How the stage-hazard table passes the privacy gate (site and export). */
export function hazardSpec(table: string, registry: PublicationRegistry) {
  return {
    table,
    registry,
    labels: ["phase"],
    // main_area and period split the slices (slices.ts): partitions, so the registry sees their totals
    dimensions: ["mentor", "scheme_type", "programme", "main_area", "period"],
    totals: {scheme_type: "all", programme: "all", main_area: "all", period: "all"},
    counts: [
      {column: "entered", measure: (r: HazardRow) => `phase_entered:${r.phase}`},
      {column: "dropped", measure: (r: HazardRow) => `phase_dropped:${r.phase}`, of: "entered"}
    ] as CountColumn<HazardRow>[],
    derived: Object.fromEntries(rateCols("hazard").map((c) => [c, ["entered", "dropped"]]))
  };
}

/**
 * Gate spec of the mentor comparisons. `complete` holds "dimension|group|horizon" for groups in
 * which every enrolment is followed for the horizon: their denominators are then the same number as
 * the plain enrolment counts published elsewhere (headline, cohort cells), and for "ever" their
 * dropouts (completions) are the status counts of the cohort cells — so they get the same measure
 * names, and the registry sees the subtraction.
 */
export function comparisonSpec(table: string, registry: PublicationRegistry, complete: Set<string>) {
  const isComplete = (r: ComparisonRow) => complete.has(`${r.dimension}|${r.group}|${r.horizon}`);
  const nMeasure = (r: ComparisonRow) => (isComplete(r) ? "enrolments" : `enrolments@${r.horizon}`);
  const statusAt = (r: ComparisonRow): Record<string, string> =>
    isComplete(r) && r.horizon === "ever" ? {outcome: r.measure === "dropout" ? "dropped" : "completed"} : {};
  const xMeasure = (r: ComparisonRow) =>
    isComplete(r) && r.horizon === "ever" ? "enrolments" : `${r.measure}@${r.horizon}`;
  return {
    table,
    registry,
    labels: ["dimension", "group", "label", "measure", "horizon"],
    partial: ["outcome"],
    cellDims: (r: ComparisonRow): Record<string, Value> => (r.dimension === "overall" ? {} : {[r.dimension]: r.group}),
    counts: [
      {column: "n_with", measure: nMeasure, at: {mentor: "with"}},
      {column: "n_without", measure: nMeasure, at: {mentor: "without"}},
      {
        column: "events_with",
        measure: xMeasure,
        at: (r: ComparisonRow) => ({mentor: "with", ...statusAt(r)}),
        of: "n_with"
      },
      {
        column: "events_without",
        measure: xMeasure,
        at: (r: ComparisonRow) => ({mentor: "without", ...statusAt(r)}),
        of: "n_without"
      }
    ] as CountColumn<ComparisonRow>[],
    derived: {
      ...Object.fromEntries(rateCols("rate_with").map((c) => [c, ["n_with", "events_with"]])),
      ...Object.fromEntries(rateCols("rate_without").map((c) => [c, ["n_without", "events_without"]])),
      ...Object.fromEntries(rateCols("diff").map((c) => [c, ["n_with", "events_with", "n_without", "events_without"]]))
    }
  };
}

export function effectSpec(table: string, registry: PublicationRegistry) {
  const rowKey = (r: EffectRow) => `${r.level}:${r.scheme_type}:${r.scheme_id ?? ""}@${r.horizon}`;
  const all = ["n_mentored", "dropped_mentored", "n_comparison", "dropped_comparison"];
  return {
    table,
    registry,
    labels: ["level", "scheme_type", "scheme_id", "scheme_name", "origin", "horizon"],
    cellDims: (r: EffectRow): Record<string, Value> => ({
      ...(r.level === "overall"
        ? {}
        : r.level === "scheme_type"
          ? {scheme_type: r.scheme_type}
          : {scheme_type: r.scheme_type, scheme_id: r.scheme_id}),
      // band and group rows (riskBandEffects, riskGroupEffects): their part of the same mentees and comparison students
      ...("risk_band" in r ? {risk_band: String((r as RiskBandEffectRow).risk_band)} : {}),
      ...("risk_group" in r ? {risk_group: String((r as RiskGroupEffectRow).risk_group)} : {})
    }),
    counts: [
      {column: "n_mentored", measure: (r: EffectRow) => `mentees@${r.horizon}`},
      {column: "dropped_mentored", measure: (r: EffectRow) => `mentee_dropouts@${r.horizon}`, of: "n_mentored"},
      // comparison groups overlap between schemes: one measure per row (no sums)
      {column: "n_comparison", measure: (r: EffectRow) => `comparison:${rowKey(r)}`},
      {column: "dropped_comparison", measure: (r: EffectRow) => `comparison_dropouts:${rowKey(r)}`, of: "n_comparison"}
    ] as CountColumn<EffectRow>[],
    derived: {
      ...Object.fromEntries(rateCols("rate_mentored").map((c) => [c, ["n_mentored", "dropped_mentored"]])),
      ...Object.fromEntries(rateCols("rate_comparison").map((c) => [c, ["n_comparison", "dropped_comparison"]])),
      ...Object.fromEntries(
        [...rateCols("naive"), ...rateCols("adjusted"), "adjusted_rate_without", "support_share", "strata"].map((c) => [
          c,
          all
        ])
      )
    }
  };
}

/** Status counts (cohort cells, slice outcomes): one measure, "enrolments", split by outcome and phase. */
export function outcomeCountsSpec(table: string, registry: PublicationRegistry) {
  return {
    table,
    registry,
    // when a second figure must be hidden, spare the students and the dropouts (what the pages are about)
    keep: ["n", "dropped"],
    counts: [
      {column: "n", measure: "enrolments"},
      ...STARTED_OUTCOMES.map((o) => ({column: o, measure: "enrolments", at: {outcome: o}, of: "n"})),
      ...PHASES.map((p) => ({
        column: `dropped_${p}`,
        measure: "enrolments",
        at: {outcome: "dropped", phase: p},
        of: "n"
      }))
    ]
  };
}

/** Cell dimensions without the "all" totals. */
export const withoutTotals = (dims: Record<string, Value>) =>
  Object.fromEntries(Object.entries(dims).filter(([, v]) => v !== "all"));

/** The band (group) effects: the effects' spec with the band (group) as a label; its cells are the band's part of each effect's. */
export function bandEffectSpec(table: string, registry: PublicationRegistry, by: "risk_band" | "risk_group") {
  const spec = effectSpec(table, registry);
  const range = by === "risk_group" ? ["band_from", "band_to"] : [];
  return {...spec, labels: [...spec.labels, by, ...range, "nnt", "nnt_lower", "nnt_upper", "nnt_kind"]};
}

/** Students of mature cohorts ("ever" population) in cells of the given dimension columns; "all" = total, scheme_type "none" = no mentor. */
export function matureStudentsSpec<R extends object>(
  table: string,
  registry: PublicationRegistry,
  dimensions: (keyof R & string)[]
) {
  return {
    table,
    registry,
    labels: dimensions as string[],
    cellDims: (r: R): Record<string, Value> =>
      Object.fromEntries(dimensions.filter((d) => r[d] !== "all").map((d) => [d, String(r[d])])),
    counts: [{column: "students", measure: "enrolments@ever"}]
  };
}

/** The risk model's calibration: the fitting population (mature, no mentor) per decile of predicted risk, and its dropouts. */
export function calibrationSpec(table: string, registry: PublicationRegistry) {
  return {
    table,
    registry,
    labels: ["risk_decile"],
    partial: ["outcome"],
    cellDims: (r: {risk_decile: number}): Record<string, Value> => ({
      risk_decile: String(r.risk_decile),
      scheme_type: "none"
    }),
    counts: [
      {column: "students", measure: "enrolments@ever"},
      {column: "dropped", measure: "enrolments@ever", at: {outcome: "dropped"}, of: "students"}
    ],
    derived: {
      ...Object.fromEntries(rateCols("observed").map((c) => [c, ["students", "dropped"]])),
      predicted: ["students"]
    }
  };
}
