/**
 * Privacy for survival (retention) curves. A Kaplan-Meier curve published at
 * every event time shows each dropout as a step: a step of one person at a
 * known day is a count of 1. The gate publishes a curve only at points where
 * either no event or at least `minCell` events happened since the previous
 * point, while at least `minCell` people are at risk, and at most
 * `maxPoints` points per curve (a time grid of max time / maxPoints days).
 * The event counts themselves are dropped.
 */
import {minCell as minCellSetting} from "./settings.ts";

export interface CurveSpec {
  kind: "curve";
  table: string;
  /** Columns that identify one curve. */
  group: string[];
  time: string;
  /** Per-row event count (dropped from the output). */
  events: string;
  /** Number at risk (published, ≥ minCell). */
  atRisk: string;
  /** Curve values published at kept points (survival, lower, upper …). */
  values: string[];
  maxPoints?: number;
  /** Least days between published points after time t (e.g. finer early on); default only the maxPoints grid. */
  minGap?: (time: number) => number;
  /**
   * Publish at-risk numbers rounded to the nearest multiple of this (default 1:
   * exact). Rounding stops subtraction of curves of overlapping groups from
   * recovering a small number.
   */
  atRiskBase?: number;
  minCell?: number;
}

type Row = Record<string, unknown>;

export function coarsenCurve(rows: readonly Row[], spec: CurveSpec): Row[] {
  const k = minCellSetting(spec.minCell);
  const maxPoints = spec.maxPoints ?? 200;
  const base = spec.atRiskBase ?? 1;
  if (!(Number.isInteger(base) && base >= 1)) throw new Error(`${spec.table}: atRiskBase must be a positive integer`);
  const round = (n: number) => Math.max(k, Math.round(n / base) * base);
  const allowed = new Set([...spec.group, spec.time, spec.events, spec.atRisk, ...spec.values]);
  for (const r of rows) {
    for (const c of Object.keys(r))
      if (!allowed.has(c)) throw new Error(`${spec.table}: undeclared column "${c}" in a curve`);
    for (const c of [spec.time, spec.events, spec.atRisk]) {
      if (typeof r[c] !== "number" || !Number.isFinite(r[c] as number))
        throw new Error(`${spec.table}: ${c} must be a number in every row (aggregated curve rows)`);
    }
  }
  const curves = new Map<string, Row[]>();
  for (const r of rows) {
    const key = JSON.stringify(spec.group.map((g) => r[g]));
    let list = curves.get(key);
    if (!list) curves.set(key, (list = []));
    list.push(r);
  }
  const out: Row[] = [];
  for (const list of curves.values()) {
    list.sort((a, b) => (a[spec.time] as number) - (b[spec.time] as number));
    const maxTime = list[list.length - 1][spec.time] as number;
    const step = Math.max(1, Math.ceil(maxTime / maxPoints));
    const point = (r: Row, time: number) => {
      const p: Row = {};
      for (const g of spec.group) p[g] = r[g];
      p[spec.time] = time;
      for (const v of spec.values) p[v] = r[v];
      p[spec.atRisk] = round(r[spec.atRisk] as number);
      return p;
    };
    const first = list[0];
    if ((first[spec.atRisk] as number) < k) continue;
    // Every curve starts at time 0 with S = 1 and everyone at risk.
    const start: Row = {};
    for (const g of spec.group) start[g] = first[g];
    start[spec.time] = 0;
    for (const v of spec.values) start[v] = 1;
    start[spec.atRisk] = round(first[spec.atRisk] as number);
    out.push(start);
    let lastTime = 0;
    let pending = 0;
    for (const r of list) {
      if ((r[spec.atRisk] as number) < k) break;
      pending += r[spec.events] as number;
      const t = r[spec.time] as number;
      if (t - lastTime >= Math.max(step, spec.minGap?.(lastTime) ?? 0) && (pending === 0 || pending >= k)) {
        out.push(point(r, t));
        lastTime = t;
        pending = 0;
      }
    }
  }
  return out;
}
