// Chart components: plain functions Chart(data, {width, ...}) that draw with
// Observable Plot and never load data. Shares are 0–1; labels come from the caller.
import * as Plot from "@observablehq/plot";
import {MENTOR_COLOURS, NEUTRAL} from "./palette.js";
import {fitLabel, textWidth} from "./text-fit.js";

export interface Estimate {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
}

/** Plot's tick label size in pixels. */
const TICK_FONT = 10;

/**
 * Category tick labels (scheme names, transition points) drawn as `fit` makes them (wrapped with "\n", ellipsised):
 * how many lines and pixels the widest takes, whether any was shortened, and `annotate`, which gives every
 * shortened label its full name as a <title> once Plot has drawn the axis.
 */
function categoryLabels(names: readonly string[], fit: (name: string) => string) {
  const drawn = new Map(names.map((n) => [n, fit(n)]));
  const lines = [...drawn.values()].flatMap((d) => d.split("\n"));
  return {
    format: (name: string) => drawn.get(name) ?? name,
    lines: Math.max(1, ...[...drawn.values()].map((d) => d.split("\n").length)),
    width: Math.max(0, ...lines.map((l) => textWidth(l, TICK_FONT))),
    cut: [...drawn].some(([name, d]) => d.includes("…") && !name.includes("…")),
    /** The axis's tick labels get the class "category-labels" (found by the tests after Figure strips aria-labels). */
    annotate<E extends Element>(chart: E, axis: "fx" | "fy" | "y"): E {
      // a drawn label's text is its lines without the breaks
      const full = new Map([...drawn].map(([name, d]) => [d.replace(/\n/g, ""), name]));
      for (const g of chart.querySelectorAll(`g[aria-label="${axis}-axis tick label"]`)) {
        g.classList.add("category-labels");
        for (const text of g.querySelectorAll("text")) {
          const name = full.get(text.textContent ?? "");
          if (name === undefined || name === text.textContent) continue;
          const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
          title.textContent = name;
          text.append(title);
        }
      }
      return chart;
    }
  };
}

/** Room for category labels on the y axis: about a third of a wide chart, more of a narrow (phone) one. */
const labelRoom = (width: number) => Math.max(70, Math.round(width * (width < 520 ? 0.42 : 0.3)));

/** Category labels on the left (y or fy): the margin is the longest name's width, long names wrapped onto up to `maxLines`. */
function leftLabels(names: readonly string[], width: number, maxLines: number) {
  const labels = categoryLabels(names, (n) => fitLabel(n, labelRoom(width), TICK_FONT, maxLines));
  // Plot puts the labels 9 px left of the frame
  return {labels, marginLeft: Math.ceil(labels.width) + 14};
}

/**
 * Category labels under facets (fx): wrapped within their facet's step (rotated labels ran off the left edge), or,
 * when even three lines would cut a name (a phone's width), turned upright under their facet.
 */
export function bandLabels(names: readonly string[], width: number, marginLeft: number, marginRight: number) {
  const step = (width - marginLeft - marginRight) / Math.max(1, names.length);
  const flat = categoryLabels(names, (n) => fitLabel(n, step - 8, TICK_FONT, 3));
  if (!flat.cut) return {labels: flat, tickRotate: 0, marginBottom: 30 + flat.lines * 11};
  const upright = categoryLabels(names, (n) => fitLabel(n, 130, TICK_FONT, 1));
  return {labels: upright, tickRotate: -90, marginBottom: Math.ceil(upright.width) + 34};
}

/**
 * An axis title fitted to the chart's width (on a phone a bottom title ran off the left edge, a top-left one off
 * the right): wrapped onto two lines if need be, and the extra margin that takes. Room is left for Plot's arrow.
 */
export function axisTitle(label: string, width: number): {label: string; extra: number} {
  const text = fitLabel(label, width - 30, TICK_FONT, 2);
  return {label: text, extra: text.includes("\n") ? 12 : 0};
}

const percentTick = (lang: string) => (d: number) =>
  `${(d * 100).toLocaleString(lang === "da" ? "da-DK" : "en-GB")}${lang === "da" ? " %" : "%"}`;

/** Dropout by intake year, one line with its 95 % band per mentor status. */
export function DropoutTrend(
  rows: readonly ({intake_year: number; mentor: boolean} & Estimate)[],
  {width, lang, labels}: {width: number; lang: string; labels: {x: string; y: string; with: string; without: string}}
) {
  const shown = rows.filter((d) => d.estimate !== null);
  const name = (d: {mentor: boolean}) => (d.mentor ? labels.with : labels.without);
  // whole years as ticks (a count of ticks gives fractional years, which "d" rounds into repeated labels): at most 12,
  // and no more than fit side by side (a year's label is about 25 px wide; on a phone every year overlapped its neighbour)
  const years = [...new Set(rows.map((d) => d.intake_year))].sort((a, b) => a - b);
  const fit = Math.max(2, Math.floor((width - 50 - 20) / (textWidth("2000", TICK_FONT) + 12)));
  const step = Math.ceil(years.length / Math.min(12, fit));
  const x = axisTitle(labels.x, width),
    y = axisTitle(labels.y, width);
  return Plot.plot({
    width,
    height: 320 + x.extra + y.extra,
    marginLeft: 50,
    marginBottom: 30 + x.extra,
    marginTop: 20 + y.extra,
    x: {label: x.label, tickFormat: "d", ticks: years.filter((_, i) => i % step === 0)},
    y: {label: y.label, grid: true, tickFormat: percentTick(lang), zero: true},
    color: {
      legend: true,
      domain: [labels.with, labels.without],
      range: [MENTOR_COLOURS.withMentor, MENTOR_COLOURS.withoutMentor]
    },
    marks: [
      Plot.areaY(shown, {x: "intake_year", y1: "lower", y2: "upper", fill: name, fillOpacity: 0.15}),
      Plot.lineY(shown, {x: "intake_year", y: "estimate", stroke: name, strokeWidth: 2}),
      Plot.dot(shown, {x: "intake_year", y: "estimate", fill: name, symbol: name, r: 3.5}),
      Plot.tip(
        shown,
        Plot.pointer({
          x: "intake_year",
          y: "estimate",
          title: (d) => `${name(d)} ${d.intake_year}: ${(d.estimate! * 100).toFixed(1)} %`
        })
      )
    ]
  });
}

/**
 * Differences with intervals on a common axis around zero (e.g. naive vs adjusted by scheme type), one row (facet) per
 * label. Every row draws the zero line, so a row without a difference to show keeps its place (an empty facet drew
 * an axis of its own and its label drifted off its row); `labels.missing` is written beside its zero line.
 */
export function EffectDots(
  rows: readonly ({label: string; series: string} & Estimate)[],
  {
    width,
    lang,
    labels,
    colours
  }: {width: number; lang: string; labels: {x: string; missing: string}; colours: Record<string, string>}
) {
  const shown = rows.filter((d) => d.estimate !== null);
  const series = [...new Set(rows.map((d) => d.series))];
  const facets = [...new Set(rows.map((d) => d.label))];
  const missing = facets.filter((f) => !shown.some((d) => d.label === f));
  const {labels: names, marginLeft} = leftLabels(facets, width, series.length > 1 ? 3 : 2);
  const x = axisTitle(labels.x, width);
  const number = (d: number) => (d * 100).toLocaleString(lang === "da" ? "da-DK" : "en-GB", {maximumFractionDigits: 1});
  return names.annotate(
    Plot.plot({
      width,
      height: Math.max(140, facets.length * (16 * series.length + 18) + 60) + x.extra,
      marginLeft,
      marginBottom: 30 + x.extra,
      x: {label: x.label, grid: true, tickFormat: number},
      fy: {label: null, domain: facets, tickFormat: names.format},
      y: {axis: null, domain: series},
      color: {legend: series.length > 1, domain: series, range: series.map((s) => colours[s] ?? NEUTRAL)},
      marks: [
        Plot.ruleX(facets, {fy: (d) => d, x: () => 0, stroke: "currentColor", strokeOpacity: 0.6}),
        Plot.text(missing, {
          fy: (d) => d,
          x: () => 0,
          text: () => labels.missing,
          textAnchor: "start",
          dx: 6,
          fontSize: 10,
          fill: NEUTRAL,
          frameAnchor: "middle"
        }),
        Plot.ruleY(shown, {fy: "label", y: "series", x1: "lower", x2: "upper", stroke: "series", strokeWidth: 2}),
        Plot.dot(shown, {fy: "label", y: "series", x: "estimate", fill: "series", symbol: "series", r: 5}),
        Plot.tip(
          shown,
          Plot.pointer({
            fy: "label",
            y: "series",
            x: "estimate",
            title: (d) => `${d.label} (${d.series}): ${number(d.estimate!)} [${number(d.lower!)}; ${number(d.upper!)}]`
          })
        )
      ]
    }),
    "fy"
  );
}

/**
 * Step points of life-table retention curves from their band rows (one row
 * per band: time = band start, time_end = band end, survival/lower/upper at
 * the band end): per group S = 1 where its first band starts (day 0, or the landmark of the
 * curves from the intake), then S at the end of each band that
 * has a survival. Drawn "step-after", the curve holds S(band start) through
 * each band and drops at its end; day-0 dropouts show from day 1. A curve
 * ends where its rows stop (a hidden count).
 */
export function curveSteps(
  rows: readonly {
    group: string;
    time: number;
    time_end: number | null;
    survival: number | null;
    lower: number | null;
    upper: number | null;
  }[]
): {group: string; time: number; survival: number; lower: number | null; upper: number | null}[] {
  const out: {group: string; time: number; survival: number; lower: number | null; upper: number | null}[] = [];
  for (const group of [...new Set(rows.map((d) => d.group))]) {
    const bands = rows
      .filter((d) => d.group === group && d.survival !== null && d.time_end !== null)
      .sort((a, b) => a.time - b.time);
    if (bands.length === 0) continue;
    // S = 1 where the curve starts: day 0, or the landmark of the curves from the intake
    out.push({group, time: bands[0].time, survival: 1, lower: 1, upper: 1});
    for (const d of bands) out.push({group, time: d.time_end!, survival: d.survival!, lower: d.lower, upper: d.upper});
  }
  return out;
}

/** Retention curves (step lines with 95 % bands) with transition points marked on the time axis. */
export function RetentionCurves(
  points: readonly {group: string; time: number; survival: number; lower: number | null; upper: number | null}[],
  {
    width,
    lang,
    labels,
    markers = [],
    colours
  }: {
    width: number;
    lang: string;
    labels: {x: string; y: string};
    markers?: readonly {label: string; time: number}[];
    colours: Record<string, string>;
  }
) {
  const groups = [...new Set(points.map((d) => d.group))];
  const years = (d: number) => d / 365.25;
  // Transition labels alternate between two rows so neighbouring ones do not overlap.
  const sorted = [...markers].sort((a, b) => a.time - b.time);
  // A label centred on a transition near either end would run off the chart: it is anchored at that end instead.
  const marginLeft = 50,
    marginRight = 20;
  const times = [...points.map((d) => d.time), ...markers.map((d) => d.time)];
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const frame = width - marginLeft - marginRight;
  const anchor = (d: {label: string; time: number}) => {
    const at = t1 > t0 ? ((d.time - t0) / (t1 - t0)) * frame : 0;
    const half = Math.min(textWidth(d.label, TICK_FONT), 10 * TICK_FONT) / 2;
    return at - half < -marginLeft + 2 ? "start" : frame - at < half - marginRight + 2 ? "end" : "middle";
  };
  const markerText = (r: number, dy: number) =>
    (["start", "middle", "end"] as const).map((textAnchor) =>
      Plot.text(
        sorted.filter((d, i) => i % 2 === r && anchor(d) === textAnchor),
        {x: "time", text: "label", frameAnchor: "top", dy, fontSize: 10, fill: NEUTRAL, lineWidth: 10, textAnchor}
      )
    );
  // the transition labels sit in the top margin below the y axis's title (they overlapped it)
  const x = axisTitle(labels.x, width),
    y = axisTitle(labels.y, width);
  return Plot.plot({
    width,
    height: 390 + x.extra + y.extra,
    marginLeft,
    marginRight,
    marginTop: (markers.length ? 58 : 42) + y.extra,
    marginBottom: 30 + x.extra,
    x: {
      label: x.label,
      grid: true,
      transform: years,
      tickFormat: (d: number) => d.toLocaleString(lang === "da" ? "da-DK" : "en-GB")
    },
    y: {label: y.label, grid: true, tickFormat: percentTick(lang)},
    color: {legend: true, domain: groups, range: groups.map((g) => colours[g] ?? NEUTRAL)},
    marks: [
      Plot.ruleX(markers, {x: "time", stroke: NEUTRAL, strokeDasharray: "3,3", strokeOpacity: 0.7}),
      ...markerText(0, -28),
      ...markerText(1, -12),
      Plot.areaY(
        points.filter((d) => d.lower !== null),
        {x: "time", y1: "lower", y2: "upper", fill: "group", fillOpacity: 0.12, curve: "step-after"}
      ),
      Plot.lineY(points, {x: "time", y: "survival", stroke: "group", strokeWidth: 2, curve: "step-after"}),
      Plot.tip(
        points,
        Plot.pointerX({
          x: "time",
          y: "survival",
          stroke: "group",
          title: (d) => `${d.group}: ${(d.survival * 100).toFixed(1)} % (${(d.time / 365.25).toFixed(1)})`
        })
      )
    ]
  });
}

/**
 * Shares with 95 % intervals per category (e.g. stage hazards per transition
 * point, dropout per contact-time band), grouped by series (e.g. with/without a mentor).
 */
export function CategoryIntervals(
  rows: readonly ({phase: string; series: string} & Estimate)[],
  {
    width,
    lang,
    labels,
    phaseOrder,
    colours
  }: {
    width: number;
    lang: string;
    labels: {x: string; y: string};
    phaseOrder: string[];
    colours: Record<string, string>;
  }
) {
  const shown = rows.filter((d) => d.estimate !== null);
  const series = [...new Set(rows.map((d) => d.series))];
  const phases = phaseOrder.filter((p) => rows.some((d) => d.phase === p));
  const marginLeft = 50,
    marginRight = 20;
  const {labels: names, tickRotate, marginBottom} = bandLabels(phases, width, marginLeft, marginRight);
  const y = axisTitle(labels.y, width);
  return names.annotate(
    Plot.plot({
      width,
      height: 300 + marginBottom + y.extra,
      marginLeft,
      marginRight,
      marginBottom,
      marginTop: 20 + y.extra,
      fx: {label: labels.x, domain: phases, tickFormat: names.format, tickRotate},
      x: {axis: null, domain: series, padding: 0.3},
      y: {label: y.label, grid: true, tickFormat: percentTick(lang), zero: true},
      color: {legend: true, domain: series, range: series.map((s) => colours[s] ?? NEUTRAL)},
      marks: [
        Plot.ruleX(shown, {fx: "phase", x: "series", y1: "lower", y2: "upper", stroke: "series", strokeWidth: 2}),
        Plot.dot(shown, {fx: "phase", x: "series", y: "estimate", fill: "series", symbol: "series", r: 4.5}),
        Plot.tip(
          shown,
          Plot.pointer({
            fx: "phase",
            x: "series",
            y: "estimate",
            title: (d) => `${d.phase} – ${d.series}: ${(d.estimate! * 100).toFixed(1)} %`
          })
        )
      ]
    }),
    "fx"
  );
}

/** Each group's whole split into parts (e.g. students by outcome): one stacked bar of shares per group. */
export function StackedShares(
  rows: readonly {label: string; status: string; value: number}[],
  {
    width,
    labels,
    groups,
    colours
  }: {width: number; labels: {x: string}; groups: readonly string[]; colours: {domain: string[]; range: string[]}}
) {
  const {labels: names, marginLeft} = leftLabels(groups, width, 2);
  const x = axisTitle(labels.x, width);
  return names.annotate(
    Plot.plot({
      width,
      height: 60 + 36 * groups.length + x.extra,
      marginLeft,
      marginBottom: 30 + x.extra,
      x: {label: x.label, percent: true, grid: true},
      y: {label: null, domain: groups, tickFormat: names.format},
      color: {legend: true, ...colours},
      // an outline, so a white part (hidden) and a light one stay visible
      marks: [
        Plot.barX(rows, {y: "label", x: "value", fill: "status", stroke: NEUTRAL, strokeWidth: 0.5, tip: true}),
        Plot.ruleX([0])
      ]
    }),
    "y"
  );
}

/** Shares per category (e.g. dropout at each transition point), one bar per group side by side. */
export function GroupedShares(
  rows: readonly {phase: string; label: string; share: number | null}[],
  {
    width,
    labels,
    phases,
    groups,
    colours
  }: {width: number; labels: {x: string; y: string}; phases: string[]; groups: string[]; colours: string[]}
) {
  const marginLeft = 40,
    marginRight = 20;
  const {labels: names, tickRotate, marginBottom} = bandLabels(phases, width, marginLeft, marginRight);
  const y = axisTitle(labels.y, width);
  return names.annotate(
    Plot.plot({
      width,
      height: 280 + marginBottom + y.extra,
      marginLeft,
      marginRight,
      marginBottom,
      marginTop: 20 + y.extra,
      fx: {label: labels.x, domain: phases, tickFormat: names.format, tickRotate},
      x: {axis: null, domain: groups},
      y: {label: y.label, grid: true, percent: true},
      color: {legend: true, domain: groups, range: colours},
      marks: [
        Plot.barY(
          rows.filter((d) => d.share !== null),
          {fx: "phase", x: "label", y: "share", fill: "label", tip: true}
        ),
        Plot.ruleY([0])
      ]
    }),
    "fx"
  );
}

/**
 * Differences with their intervals, one row per category (risk bands, risk groups, transition points), the chosen
 * rows in `colours.chosen` (the page gives the chosen group's colour) and the others in `colours.notChosen` (a grey).
 * A row without a difference keeps its place and says `labels.missing`.
 */
export function ChosenIntervals(
  rows: readonly ({label: string; chosen: boolean} & Estimate)[],
  {
    width,
    lang,
    labels,
    colours
  }: {
    width: number;
    lang: string;
    labels: {x: string; chosen: string; notChosen: string; missing: string};
    colours: {chosen: string; notChosen: string};
  }
) {
  const names = rows.map((d) => d.label);
  const shown = rows.filter((d) => d.estimate !== null && d.lower !== null && d.upper !== null);
  const missing = rows.filter((d) => !shown.includes(d));
  const {labels: ticks, marginLeft} = leftLabels(names, width, 2);
  const x = axisTitle(labels.x, width);
  const number = (d: number) => (d * 100).toLocaleString(lang === "da" ? "da-DK" : "en-GB", {maximumFractionDigits: 1});
  const kind = (d: {chosen: boolean}) => (d.chosen ? labels.chosen : labels.notChosen);
  return ticks.annotate(
    Plot.plot({
      width,
      height: 70 + 34 * rows.length + x.extra,
      marginLeft,
      marginBottom: 30 + x.extra,
      x: {label: x.label, grid: true, tickFormat: number},
      y: {label: null, domain: names, tickFormat: ticks.format},
      color: {
        legend: true,
        domain: [labels.chosen, labels.notChosen],
        range: [colours.chosen, colours.notChosen]
      },
      marks: [
        Plot.ruleX([0], {stroke: "currentColor", strokeOpacity: 0.6}),
        // at the frame's left edge: zero may lie at the right edge, where the words would run out of the chart
        Plot.text(missing, {
          y: "label",
          frameAnchor: "left",
          text: () => labels.missing,
          textAnchor: "start",
          dx: 6,
          fontSize: 10,
          fill: NEUTRAL
        }),
        Plot.ruleY(shown, {y: "label", x1: "lower", x2: "upper", stroke: kind, strokeWidth: 2}),
        Plot.dot(shown, {y: "label", x: "estimate", fill: kind, symbol: kind, r: 5}),
        Plot.tip(
          shown,
          Plot.pointer({
            y: "label",
            x: "estimate",
            title: (d) => `${d.label}: ${number(d.estimate!)} [${number(d.lower!)}; ${number(d.upper!)}]`
          })
        )
      ]
    }),
    "y"
  );
}

/**
 * Calibration of a risk model: the mean predicted risk (x) against the observed share with its interval (y) per group
 * of predicted risk, with the diagonal (dashed) where the two agree. Both axes run over the same range.
 */
export function Calibration(
  rows: readonly {predicted: number | null; observed: number | null; lower: number | null; upper: number | null}[],
  {width, lang, labels, colour}: {width: number; lang: string; labels: {x: string; y: string}; colour: string}
) {
  const shown = rows.filter((d) => d.predicted !== null && d.observed !== null);
  const top = Math.max(0.05, ...shown.flatMap((d) => [d.predicted!, d.upper ?? d.observed!]));
  const x = axisTitle(labels.x, width),
    y = axisTitle(labels.y, width);
  const size = Math.min(width, 460);
  return Plot.plot({
    width: size,
    height: size - 40 + x.extra + y.extra,
    marginLeft: 50,
    marginRight: 20,
    marginTop: 24 + y.extra,
    marginBottom: 34 + x.extra,
    x: {label: x.label, domain: [0, top], grid: true, tickFormat: percentTick(lang)},
    y: {label: y.label, domain: [0, top], grid: true, tickFormat: percentTick(lang)},
    marks: [
      Plot.line(
        [
          [0, 0],
          [top, top]
        ],
        {stroke: NEUTRAL, strokeDasharray: "4,3", strokeOpacity: 0.8}
      ),
      Plot.ruleX(
        shown.filter((d) => d.lower !== null && d.upper !== null),
        {x: "predicted", y1: "lower", y2: "upper", stroke: colour, strokeWidth: 2}
      ),
      Plot.dot(shown, {x: "predicted", y: "observed", fill: colour, r: 4.5}),
      Plot.tip(
        shown,
        Plot.pointer({
          x: "predicted",
          y: "observed",
          title: (d) => `${(d.predicted! * 100).toFixed(1)} % → ${(d.observed! * 100).toFixed(1)} %`
        })
      )
    ]
  });
}
