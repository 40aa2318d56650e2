/**
 * Log-rank test (Mantel 1966; Peto & Peto 1972) for k ≥ 2 groups, identical
 * to R `survival::survdiff(…, rho = 0)`.
 *
 * At each distinct event time t with N at risk and D events overall, and n_g
 * at risk / d_g events in group g (Klein & Moeschberger, Survival Analysis
 * 2nd ed. 2003, §7.3):
 *
 *   O_g = Σ_t d_g,    E_g = Σ_t D n_g / N,
 *   V_gh = Σ_{t: N>1} D (N − D)/(N − 1) · (n_g/N) (δ_gh − n_h/N),
 *   χ² = (O − E)ᵀ V⁻ (O − E),   df = rank(V).
 *
 * V has rank ≤ k − 1 (its rows sum to 0), so a generalized inverse is used:
 * as in `survdiff`, groups with E_g = 0 are dropped, then the first remaining
 * group is dropped and the reduced system is solved — here with a
 * rank-revealing LDLᵀ (Cholesky) decomposition that skips pivots below
 * 1e-10 × the largest diagonal element (the "generalized Cholesky" of
 * survival's `cholesky2`), so a singular V still yields a valid
 * generalized-inverse statistic with df = its rank instead of failing.
 * p = P(χ²_df > χ²).
 *
 * Output conventions:
 * - `groups` is the sorted list of distinct group labels (numbers
 *   numerically, strings by code unit, see `compareGroups`); `observed`,
 *   `expected` and the rows/columns of `variance` follow that order.
 * - With no events, or fewer than two groups with E > 0: chiSquare 0, df 0,
 *   pValue NaN ("no test").
 * - Mismatched lengths, non-finite times, events not boolean/0/1 or group
 *   labels that are not strings/finite numbers throw RangeError.
 *
 * @example
 * // AML data (R survival::aml), Maintained vs Nonmaintained
 * logRank(time, status, x); // chiSquare 3.3963, df 1, pValue 0.06533,
 *                           // observed [7, 11], expected [10.69, 7.31]
 */
import {chiSquareSurvival} from "./distributions/chi-square.ts";
import {compareGroups, logRankTable, type EventIndicator, type LogRankTableRow} from "./survival-table.ts";
import {toCount, toFinite} from "./validate.ts";

export interface LogRankResult<G extends string | number = string | number> {
  groups: G[];
  observed: number[];
  expected: number[];
  /** k × k variance–covariance matrix of O − E. */
  variance: number[][];
  chiSquare: number;
  df: number;
  pValue: number;
}

/** A log-rank table row as it may come back from DuckDB (counts possibly BIGINT strings). */
export type LogRankTableRowInput<G extends string | number = string | number> = {
  grp: G;
  time: number | string | bigint;
  at_risk: number | string | bigint;
  events: number | string | bigint;
};

export interface LogRankFromTableOptions<G extends string | number> {
  /**
   * Extra group labels that have no rows in the table (e.g. groups with no
   * subject at risk at any event time); they are reported with O = E = 0.
   */
  groups?: readonly G[];
}

/**
 * Quadratic form yᵀ V⁻ y using a rank-revealing LDLᵀ decomposition of the
 * symmetric positive semi-definite V (pivots ≤ tol·max diag are skipped).
 */
function generalizedQuadraticForm(V: number[][], y: number[]): {value: number; rank: number} {
  const m = y.length;
  const L = V.map((row) => row.slice());
  const d = new Array<number>(m).fill(0);
  const maxDiag = Math.max(0, ...V.map((row, i) => Math.abs(row[i])));
  const eps = 1e-10 * maxDiag;
  let rank = 0;
  for (let i = 0; i < m; i++) {
    let pivot = L[i][i];
    for (let k = 0; k < i; k++) pivot -= L[i][k] * L[i][k] * d[k];
    if (!(pivot > eps)) {
      d[i] = 0;
      for (let j = i; j < m; j++) L[j][i] = 0;
      continue;
    }
    d[i] = pivot;
    rank += 1;
    L[i][i] = 1;
    for (let j = i + 1; j < m; j++) {
      let value = L[j][i];
      for (let k = 0; k < i; k++) value -= L[j][k] * L[i][k] * d[k];
      L[j][i] = value / pivot;
    }
  }
  // Solve L w = y (forward substitution); y' V⁻ y = Σ w_i² / d_i over non-zero pivots.
  const w = new Array<number>(m).fill(0);
  let value = 0;
  for (let i = 0; i < m; i++) {
    if (d[i] === 0) continue;
    let s = y[i];
    for (let k = 0; k < i; k++) if (d[k] !== 0) s -= L[i][k] * w[k];
    w[i] = s;
    value += (s * s) / d[i];
  }
  return {value, rank};
}

/**
 * Log-rank test from an aggregated table with one row per (event time ×
 * group): grp, time, at_risk (subjects of the group with time ≥ t) and events
 * (events of the group at t) — the output of `logRankTableSql` run in DuckDB,
 * or of `logRankTable`. Every group present in the table must have a row at
 * every time in the table (RangeError otherwise). Rows with no events at
 * their time are allowed and contribute nothing.
 */
export function logRankFromTable<G extends string | number>(
  rows: readonly LogRankTableRowInput<G>[],
  {groups: extraGroups = []}: LogRankFromTableOptions<G> = {}
): LogRankResult<G> {
  const labelSet = new Set<G>(extraGroups);
  for (const row of rows) labelSet.add(row.grp);
  const groups = [...labelSet].sort(compareGroups);
  const k = groups.length;
  const index = new Map<G, number>(groups.map((g, i) => [g, i]));
  const byTime = new Map<number, {n: number[]; d: number[]; seen: boolean[]}>();
  const inTable = new Set<G>();
  rows.forEach((row, i) => {
    const time = toFinite(row.time, `rows[${i}].time`);
    const atRisk = toCount(row.at_risk, `rows[${i}].at_risk`);
    const events = toCount(row.events, `rows[${i}].events`);
    if (events > atRisk) throw new RangeError(`rows[${i}]: events (${events}) exceed at_risk (${atRisk})`);
    let entry = byTime.get(time);
    if (entry === undefined) {
      entry = {
        n: new Array<number>(k).fill(0),
        d: new Array<number>(k).fill(0),
        seen: new Array<boolean>(k).fill(false)
      };
      byTime.set(time, entry);
    }
    const g = index.get(row.grp)!;
    if (entry.seen[g]) throw new RangeError(`duplicate row for group ${String(row.grp)} at time ${time}`);
    entry.seen[g] = true;
    entry.n[g] = atRisk;
    entry.d[g] = events;
    inTable.add(row.grp);
  });
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const variance = groups.map(() => new Array<number>(k).fill(0));
  for (const t of times) {
    const {n, d, seen} = byTime.get(t)!;
    groups.forEach((g, gi) => {
      if (inTable.has(g) && !seen[gi]) throw new RangeError(`missing row for group ${String(g)} at time ${t}`);
    });
    let N = 0;
    let D = 0;
    for (let g = 0; g < k; g++) {
      N += n[g];
      D += d[g];
    }
    if (D === 0) continue;
    for (let g = 0; g < k; g++) {
      observed[g] += d[g];
      expected[g] += (D * n[g]) / N;
    }
    if (N > 1) {
      const factor = (D * (N - D)) / (N - 1);
      for (let g = 0; g < k; g++) {
        if (n[g] === 0) continue;
        const pg = n[g] / N;
        for (let h = 0; h < k; h++) {
          variance[g][h] += factor * pg * ((g === h ? 1 : 0) - n[h] / N);
        }
      }
    }
  }
  // survdiff: keep groups with E > 0, drop the first of them, solve.
  const kept = groups.map((_, i) => i).filter((i) => expected[i] > 0);
  let chiSquare = 0;
  let df = 0;
  if (kept.length >= 2) {
    const reduced = kept.slice(1);
    const y = reduced.map((i) => observed[i] - expected[i]);
    const V = reduced.map((i) => reduced.map((j) => variance[i][j]));
    const {value, rank} = generalizedQuadraticForm(V, y);
    chiSquare = Math.max(0, value);
    df = rank;
  }
  const pValue = df > 0 ? chiSquareSurvival(chiSquare, df) : NaN;
  return {groups, observed, expected, variance, chiSquare, df, pValue};
}

/**
 * Log-rank test from individual observations (see module comment).
 * Implemented as `logRankFromTable(logRankTable(time, event, group), {groups})`.
 */
export function logRank<G extends string | number>(
  time: readonly number[],
  event: readonly EventIndicator[],
  group: readonly G[]
): LogRankResult<G> {
  const table = logRankTable(time, event, group);
  const groups = [...new Set(group)];
  return logRankFromTable<G>(table, {groups});
}

export type {LogRankTableRow};
