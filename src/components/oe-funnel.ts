// Funnel plot of standardised ratios: observed/expected dropouts (y) against
// expected dropouts (x, log), with the limits around 1 the loader computed.
// The colour and shape of a dot is its `position` from the loader, the same
// field the verdict reads, so the chart and the words cannot disagree. Positions are not groups: greys by how far
// from expected, the direction by shape (palette.ts).
import * as Plot from "@observablehq/plot";
import type {FunnelPoint} from "../../loaders/analysis/types.ts";
import {NEUTRAL, POSITION_COLOURS} from "./palette.js";
import {axisTitle} from "./charts.js";
import {textWidth} from "./text-fit.js";

export interface FunnelSchool {
  id: string;
  name: string;
  expected: number;
  oe: number;
  /** "below_998" | "below_95" | "within" | "above_95" | "above_998". */
  position: string;
}

/** The funnel's limits at an expected number of dropouts, as the loader computed them. */
export type FunnelLimitPoint = FunnelPoint;

const POSITIONS = ["below_998", "below_95", "within", "above_95", "above_998"] as const;
// squares below the limits (fewer dropouts than expected), circles within, triangles above
const SYMBOLS: Record<string, string> = {
  below_998: "square",
  below_95: "square",
  within: "circle",
  above_95: "triangle",
  above_998: "triangle"
};

export function OeFunnel(
  schools: readonly FunnelSchool[],
  limits: readonly FunnelLimitPoint[],
  {
    width,
    labels,
    format,
    highlight,
    tip
  }: {
    width: number;
    labels: {x: string; y: string; positions: Record<string, string>};
    /** Tick labels in the page's language (decimal comma in Danish). */
    format: {x: (d: number) => string; y: (d: number) => string};
    highlight?: string | null;
    tip: (d: FunnelSchool) => string;
  }
) {
  const word = (d: FunnelSchool) => labels.positions[d.position] ?? d.position;
  const present = POSITIONS.filter((p) => schools.some((d) => d.position === p));
  const line = (y: keyof FunnelLimitPoint, dashed: boolean) =>
    Plot.lineY(limits, {
      x: "expected",
      y,
      stroke: NEUTRAL,
      strokeDasharray: dashed ? "4,3" : undefined,
      className: `funnel-limit-${y}`
    });
  const me = schools.filter((d) => d.id === highlight);
  // the school's name is centred over its dot, or anchored at the chart's end when centred it would run off it
  const marginLeft = 50,
    marginRight = 20;
  const logs = [...schools.map((d) => d.expected), ...limits.map((d) => d.expected)].filter((e) => e > 0).map(Math.log);
  const [l0, l1] = [Math.min(...logs), Math.max(...logs)];
  const frame = width - marginLeft - marginRight;
  const nameAnchor =
    me.map((d) => {
      const at = l1 > l0 ? ((Math.log(d.expected) - l0) / (l1 - l0)) * frame : frame / 2;
      const half = textWidth(d.name, 10, "bold") / 2;
      return at - half < -marginLeft + 2 ? "start" : frame - at < half - marginRight + 2 ? "end" : "middle";
    })[0] ?? "middle";
  const x = axisTitle(labels.x, width),
    y = axisTitle(labels.y, width);
  return Plot.plot({
    width,
    height: 420 + x.extra + y.extra,
    marginLeft,
    marginRight,
    marginBottom: 30 + x.extra,
    marginTop: 20 + y.extra,
    x: {label: x.label, type: "log", grid: true, tickFormat: format.x},
    y: {label: y.label, grid: true, tickFormat: format.y},
    color: {
      legend: true,
      domain: present.map((p) => labels.positions[p]),
      range: present.map((p) => POSITION_COLOURS[p])
    },
    symbol: {domain: present.map((p) => labels.positions[p]), range: present.map((p) => SYMBOLS[p])},
    marks: [
      Plot.ruleY([1], {stroke: "currentColor", strokeOpacity: 0.7}),
      line("lower95", true),
      line("upper95", true),
      line("lower998", false),
      line("upper998", false),
      Plot.dot(
        schools.filter((d) => d.id !== highlight),
        {x: "expected", y: "oe", fill: word, symbol: word, r: 4, fillOpacity: 0.85, className: "funnel-school"}
      ),
      Plot.dot(me, {
        x: "expected",
        y: "oe",
        fill: word,
        symbol: word,
        stroke: "black",
        strokeWidth: 1.5,
        r: 8,
        className: "funnel-highlight"
      }),
      Plot.text(me, {x: "expected", y: "oe", text: "name", dy: -16, fontWeight: "bold", textAnchor: nameAnchor}),
      Plot.tip(schools, Plot.pointer({x: "expected", y: "oe", title: tip}))
    ]
  });
}
