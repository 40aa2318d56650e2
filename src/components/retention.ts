// Retention curves and transition hazards as figures, built once for every page that shows them (transitions,
// cohorts): the published band and hazard rows labelled, the charts in the groups' colours, the tables with every
// hidden count marked, and the log-rank test in words.
import type {CurveBand, HazardRow, LogRankRow} from "../../loaders/analysis/types.ts";
import type {Dictionary, Formatters} from "../i18n/index.js";
import {CategoryIntervals, RetentionCurves, curveSteps} from "./charts.js";
import type {Column} from "./download.js";
import {Figure, type FigureLabels} from "./figure.js";
import {groupColours} from "./palette.js";
import {isHidden} from "./table.js";

export const PHASE_ORDER = [
  "first_weeks",
  "gf1_gf2",
  "school_to_apprenticeship",
  "probation",
  "main_course",
  "final_stretch"
] as const;

/** A curve band with its group's drawn label, its group key (for the colour) and its band in words. */
export type LabelledBand = CurveBand & {groupKey: string; band: string};

/** A hazard row with its series' drawn label, its group key (for the colour) and its phase in words. */
export type LabelledHazard = HazardRow & {
  series: string;
  groupKey: string;
  phaseLabel: string;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
};

/** A curve group's name: a scheme type, or with/without/no mentor (curveGroups). */
export function groupName(group: string, t: Dictionary): string {
  return t.schemeTypes[group] ?? t.curveGroups[group] ?? group;
}

/** Band rows labelled with their group's name and their band in words. */
export function labelBands(rows: readonly CurveBand[], t: Dictionary): LabelledBand[] {
  return rows.map((d) => ({
    ...d,
    groupKey: d.group,
    group: groupName(d.group, t),
    band: t.transitions.bandLabel(d.time, d.time_end)
  }));
}

/** A hazard row's group: without a mentor, with any mentor, or with one scheme type's. */
const hazardGroup = (d: HazardRow) =>
  d.mentor === "without" ? "without" : d.scheme_type === "all" ? "with" : d.scheme_type;

/** Hazard rows labelled and in the phases' order: `series` gives a row's drawn label. */
export function labelHazards(
  rows: readonly HazardRow[],
  series: (d: HazardRow) => string,
  t: Dictionary
): LabelledHazard[] {
  return rows
    .map((d) => ({
      ...d,
      series: series(d),
      groupKey: hazardGroup(d),
      phaseLabel: t.phases[d.phase],
      estimate: d.hazard,
      lower: d.hazard_lower,
      upper: d.hazard_upper
    }))
    .sort((a, b) => PHASE_ORDER.indexOf(a.phase) - PHASE_ORDER.indexOf(b.phase));
}

/** The log-rank test of a curve set in words (whether the curves differ), and its name and p-value (the methods link's tooltip). */
export function logRankWords(
  tests: readonly LogRankRow[],
  set: string,
  t: Dictionary,
  f: Formatters
): {sentence: string; title: string} {
  const test = tests.find((d) => d.set === set);
  if (test?.p_value == null) return {sentence: "", title: ""};
  return {
    sentence: test.p_value < 0.05 ? t.findings.curvesTestClear : t.findings.curvesTestUnclear,
    title: t.findings.testTitle(
      test.p_value < 0.001 ? t.transitions.pBelow(f.number(0.001, 3)) : t.transitions.pValue(f.number(test.p_value, 3))
    )
  };
}

interface CommonOptions {
  width: number;
  lang: string;
  t: Dictionary;
  f: Formatters;
  title: string;
  summary: string;
  /** The group column's header. */
  groupHeader: string;
  filename: string;
  labels: FigureLabels;
  note?: string;
  downloads?: readonly {label: string; kind: string; action: () => void}[];
}

/** Retention curves (step lines with 95 % bands) and their band table; `empty` is said when no curve can be drawn. */
export function CurvesFigure({
  rows,
  markers = [],
  axis,
  empty,
  width,
  lang,
  t,
  f,
  title,
  summary,
  groupHeader,
  filename,
  labels,
  note,
  downloads
}: CommonOptions & {
  rows: readonly LabelledBand[];
  markers?: readonly {label: string; time: number}[];
  /** The time axis's title. */
  axis: string;
  empty: string;
}): HTMLElement {
  const tr = t.transitions;
  const points = curveSteps(rows);
  const hidden = (key: string) => (d: LabelledBand) => isHidden(d, key);
  const columns: Column<LabelledBand>[] = [
    {key: "group", label: groupHeader},
    {key: "band", label: tr.band},
    {key: "at_risk", label: tr.atRisk, format: f.count, suppressed: hidden("at_risk")},
    {key: "events", label: tr.bandEvents, format: f.count, suppressed: hidden("events")},
    {key: "censored", label: tr.bandCensored, format: f.count, suppressed: hidden("censored")},
    {key: "survival", label: tr.retainedAtEnd, format: (v) => f.pct(v), suppressed: hidden("survival")},
    {key: "lower", label: t.lower, format: (v) => f.pct(v), suppressed: hidden("lower")},
    {key: "upper", label: t.upper, format: (v) => f.pct(v), suppressed: hidden("upper")}
  ];
  return Figure({
    chart: RetentionCurves(points, {
      width,
      lang,
      labels: {x: axis, y: tr.yRetained},
      markers,
      colours: groupColours(rows.map((d) => [d.group, d.groupKey]))
    }),
    title,
    summary,
    rows,
    columns,
    filename,
    labels,
    note,
    downloads,
    empty: points.length ? null : empty
  });
}

/** Dropout at each transition point per group with 95 % intervals, and the table of its counts. */
export function HazardsFigure({
  rows,
  empty,
  width,
  lang,
  t,
  f,
  title,
  summary,
  groupHeader,
  filename,
  labels,
  note,
  downloads
}: CommonOptions & {
  rows: readonly LabelledHazard[];
  empty: string;
}): HTMLElement {
  const tr = t.transitions;
  const hidden = (key: string) => (d: LabelledHazard) => isHidden(d, key);
  const columns: Column<LabelledHazard>[] = [
    {key: "phaseLabel", label: t.phase},
    {key: "series", label: groupHeader},
    {key: "entered", label: tr.entered, format: f.count, suppressed: hidden("entered")},
    {key: "dropped", label: t.dropped, format: f.count, suppressed: hidden("dropped")},
    {key: "hazard", label: tr.hazardAxis, format: (v) => f.pct(v), suppressed: hidden("hazard")},
    {key: "hazard_lower", label: t.lower, format: (v) => f.pct(v), suppressed: hidden("hazard_lower")},
    {key: "hazard_upper", label: t.upper, format: (v) => f.pct(v), suppressed: hidden("hazard_upper")}
  ];
  return Figure({
    chart: CategoryIntervals(
      rows.map((d) => ({...d, phase: d.phaseLabel})),
      {
        width,
        lang,
        labels: {x: t.phase, y: tr.hazardAxis},
        phaseOrder: PHASE_ORDER.map((p) => t.phases[p]),
        colours: groupColours(rows.map((d) => [d.series, d.groupKey]))
      }
    ),
    title,
    summary,
    rows,
    columns,
    filename,
    labels,
    note,
    downloads,
    empty: rows.length ? null : empty
  });
}
