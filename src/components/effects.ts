// Naive and adjusted differences (mentor minus no mentor) as one figure: the reshaping of a published effect row
// into its two series, the effect-dot chart with the estimate kinds' colours, and the table's difference columns.
// The overview (per scheme type), the schemes page (per scheme) and the transitions page (per phase) all use it.
import type {EffectRow, PhaseEffectRow} from "../../loaders/analysis/types.ts";
import type {Dictionary, Formatters} from "../i18n/index.js";
import {EffectDots} from "./charts.js";
import type {Column} from "./download.js";
import {Figure, type FigureLabels} from "./figure.js";
import {ESTIMATE_COLOURS} from "./palette.js";
import {isHidden} from "./table.js";

/** One series of an effects chart: a difference with its interval, and which of those the gate hid. */
export interface EffectSeriesRow {
  label: string;
  series: string;
  kind: "naive" | "adjusted";
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  suppressed: string[];
}

type Differences = Pick<
  EffectRow | PhaseEffectRow,
  "naive" | "naive_lower" | "naive_upper" | "adjusted" | "adjusted_lower" | "adjusted_upper" | "suppressed"
>;

const HIDDEN = ["estimate", "lower", "upper"];

/** One kind of a published row's difference as a series row: hidden whole when the gate hid any of its three numbers. */
export function effectSeries(
  row: Differences,
  kind: "naive" | "adjusted",
  label: string,
  t: Dictionary
): EffectSeriesRow {
  return {
    label,
    series: t[kind],
    kind,
    estimate: row[kind],
    lower: row[`${kind}_lower`],
    upper: row[`${kind}_upper`],
    suppressed: row.suppressed?.some((c) => c.startsWith(kind)) ? HIDDEN : []
  };
}

/** A published row's naive and adjusted differences, in that order (the chart's two series). */
export function naiveAndAdjusted(row: Differences, label: string, t: Dictionary): [EffectSeriesRow, EffectSeriesRow] {
  return [effectSeries(row, "naive", label, t), effectSeries(row, "adjusted", label, t)];
}

export interface EffectsFigureOptions<T extends EffectSeriesRow> {
  width: number;
  lang: string;
  t: Dictionary;
  f: Formatters;
  rows: readonly T[];
  title: string;
  summary: string;
  /** The first column's header (scheme type, scheme, phase). */
  labelHeader: string;
  /** Columns between the series and the difference (e.g. counts). */
  extraColumns?: readonly Column<T>[];
  filename: string;
  /** Said instead of the chart when no difference can be shown. */
  empty: string;
  labels: FigureLabels;
  note?: string;
}

/** Differences with their intervals around zero, naive light and adjusted dark, with their table. */
export function EffectsFigure<T extends EffectSeriesRow>({
  width,
  lang,
  t,
  f,
  rows,
  title,
  summary,
  labelHeader,
  extraColumns = [],
  filename,
  empty,
  labels,
  note
}: EffectsFigureOptions<T>): HTMLElement {
  const hidden = (key: string) => (d: T) => isHidden(d, key);
  return Figure({
    chart: EffectDots(rows, {
      width,
      lang,
      labels: {x: t.overview.typesAxis, missing: t.noEstimate},
      colours: {[t.naive]: ESTIMATE_COLOURS.naive, [t.adjusted]: ESTIMATE_COLOURS.adjusted}
    }),
    title,
    summary,
    rows,
    columns: [
      {key: "label", label: labelHeader},
      {key: "series", label: t.estimateKind},
      ...extraColumns,
      {key: "estimate", label: t.difference, format: (v) => f.pp(v), suppressed: hidden("estimate")},
      {key: "lower", label: t.lower, format: (v) => f.pp(v), suppressed: hidden("lower")},
      {key: "upper", label: t.upper, format: (v) => f.pp(v), suppressed: hidden("upper")}
    ],
    filename,
    empty: rows.some((d) => d.estimate != null) ? null : empty,
    labels,
    note
  });
}
