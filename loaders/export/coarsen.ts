/**
 * Coarsening of a survival table (time, at_risk, events, censored) so it can
 * be exported with its counts: consecutive times are merged into intervals
 * such that, in every exported row,
 *
 *   events ∈ {0} ∪ [k, ∞),  censored ∈ {0} ∪ [k, ∞),
 *   at_risk − events − censored (those left after the row) ∈ {0} ∪ [k, ∞),
 *
 * with k the minimum cell size, so no row (and no difference of two rows)
 * describes 1 … k − 1 individuals. A merged row carries the number at risk at
 * its start, the events and censorings inside it, and as `time` the day of its
 * last event (the last day merged into it when it has none), so no step of the
 * published curve lies after the dropouts it counts. Censorings after that day
 * belong to the row when they are merged into it (`through` is the last day
 * merged; not published): they are after all its events, as in any
 * Kaplan-Meier table. Censorings before it are counted at risk for its
 * events (the estimate's small rounding: 1 − events/at_risk for the row as a
 * whole).
 *
 * Which days are merged is chosen by a dynamic programme over the boundaries
 * between days: of all partitions that satisfy the rules, the one whose
 * published step function (S = Π 1 − events/at_risk, read day by day) is
 * closest to the exact Kaplan-Meier curve of the daily table — smallest
 * maximum absolute difference over the days, within 0.1 percentage point,
 * then the smallest sum of absolute differences over the days. (Exact for
 * the maximum up to the rounding of earlier rows, which the programme takes
 * from the best partition of the days before.) A partition exists exactly
 * when the group has at least k people and 0 or ≥ k events and censorings in
 * all; otherwise the group cannot be exported and gives `null`.
 *
 * Pure function, no I/O. Bad input (counts that are not non-negative
 * integers, a number at risk that does not follow from the row before)
 * throws an error naming the row.
 */

export interface SurvivalCounts {
  time: number;
  at_risk: number;
  events: number;
  censored: number;
}

export interface CoarseSurvivalRow extends SurvivalCounts {
  /** Last time of the daily table merged into the row (after `time` when censorings follow its last event). Not published. */
  through: number;
}

/** Maximum differences closer than this (0.1 percentage point) count as equal; the sum of differences decides. */
const MAX_TIE = 1e-3;

export function coarsenSurvivalTable(rows: readonly SurvivalCounts[], k: number): CoarseSurvivalRow[] | null {
  if (rows.length === 0) return [];
  const t = [...rows].sort((a, b) => a.time - b.time);
  t.forEach((r, i) => {
    const where = `coarsenSurvivalTable: row ${i} (time ${r.time})`;
    if (!Number.isFinite(r.time)) throw new Error(`${where}: time must be a finite number, got ${r.time}`);
    for (const c of ["at_risk", "events", "censored"] as const) {
      if (!Number.isInteger(r[c]) || r[c] < 0)
        throw new Error(`${where}: ${c} must be a non-negative integer, got ${r[c]}`);
    }
    if (r.at_risk < 1) throw new Error(`${where}: at_risk must be at least 1, got ${r.at_risk}`);
    if (i > 0 && r.time === t[i - 1].time)
      throw new Error(`${where}: the time repeats the row before (one row per time expected)`);
    if (i > 0) {
      const expected = t[i - 1].at_risk - t[i - 1].events - t[i - 1].censored;
      if (r.at_risk !== expected)
        throw new Error(
          `${where}: at_risk ${r.at_risk}, expected ${expected} (the row before: at_risk − events − censored)`
        );
    }
    if (r.events + r.censored > r.at_risk)
      throw new Error(`${where}: events + censored (${r.events + r.censored}) exceed at_risk (${r.at_risk})`);
  });
  const ok = (x: number) => x === 0 || x >= k;
  if (t[0].at_risk < k) return null;
  const m = t.length;
  // exact Kaplan-Meier after each row, and the days each row's value holds (to the next row; 1 for the last)
  const exact: number[] = [];
  let s = 1;
  for (const r of t) exact.push((s *= 1 - r.events / r.at_risk));
  const width = t.map((r, i) => (i + 1 < m ? t[i + 1].time - r.time : 1));
  // best partition of the first b rows: its maximum and summed difference, survival after it, start of its last row
  const bestMax = new Array<number>(m + 1).fill(Infinity);
  const bestSum = new Array<number>(m + 1).fill(Infinity);
  const bestS = new Array<number>(m + 1).fill(NaN);
  const from = new Array<number>(m + 1).fill(-1);
  const lastEventOf = new Array<number>(m + 1).fill(-1);
  bestMax[0] = 0;
  bestSum[0] = 0;
  bestS[0] = 1;
  for (let i = 0; i < m; i++) {
    if (bestMax[i] === Infinity) continue;
    const n = t[i].at_risk;
    if (n < k) continue;
    const s0 = bestS[i]; // the published curve before the row starting here
    let events = 0;
    let censored = 0;
    let lastEvent = -1;
    let runMax = 0; // max and day-weighted sum of |s0 − exact| over the rows so far
    let runSum = 0;
    let maxBefore = 0; // the same over the rows before the last event (they show s0)
    let sumBefore = 0;
    let widthAfter = 0; // days from the last event to the end of the rows so far (they show the row's survival)
    for (let j = i; j < m; j++) {
      const r = t[j];
      if (r.events > 0) {
        maxBefore = runMax;
        sumBefore = runSum;
        lastEvent = j;
        widthAfter = 0;
      }
      const d = Math.abs(s0 - exact[j]);
      runMax = Math.max(runMax, d);
      runSum += d * width[j];
      widthAfter += width[j];
      events += r.events;
      censored += r.censored;
      const left = n - events - censored;
      if (!(ok(events) && ok(censored) && ok(left))) continue;
      let s1 = s0;
      let rowMax = runMax;
      let rowSum = runSum;
      if (events > 0) {
        s1 = s0 * (1 - events / n);
        // from the last event on, the exact curve is flat (only censorings follow in the row)
        const after = Math.abs(s1 - exact[lastEvent]);
        rowMax = Math.max(maxBefore, after);
        rowSum = sumBefore + after * widthAfter;
      }
      const max = Math.max(bestMax[i], rowMax);
      const sum = bestSum[i] + rowSum;
      const b = j + 1;
      if (max < bestMax[b] - MAX_TIE || (max <= bestMax[b] + MAX_TIE && sum < bestSum[b] - 1e-12)) {
        bestMax[b] = max;
        bestSum[b] = sum;
        bestS[b] = s1;
        from[b] = i;
        lastEventOf[b] = lastEvent;
      }
      if (left === 0) break;
    }
  }
  if (bestMax[m] === Infinity) return null;
  const out: CoarseSurvivalRow[] = [];
  for (let b = m; b > 0; b = from[b]) {
    const i = from[b];
    let events = 0;
    let censored = 0;
    for (let j = i; j < b; j++) {
      events += t[j].events;
      censored += t[j].censored;
    }
    out.push({
      time: lastEventOf[b] >= 0 ? t[lastEventOf[b]].time : t[b - 1].time,
      at_risk: t[i].at_risk,
      events,
      censored,
      through: t[b - 1].time
    });
  }
  return out.reverse();
}

/**
 * Largest drop of a published survival curve between two rows that is not flagged: within an
 * interval the published curve is off the exact one by up to the interval's drop (plus the small
 * rounding of the number at risk), so an interval that drops by more is flagged `wide_step`.
 */
export const WIDE_STEP = 0.02;

/** `wide_step` of each row of a published curve (survival in time order): its drop from the row before (1 before the first) exceeds `bound`. */
export function wideSteps(survival: readonly number[], bound = WIDE_STEP): boolean[] {
  return survival.map((s, i) => (i === 0 ? 1 : survival[i - 1]) - s > bound + 1e-12);
}

/**
 * The daily table of a curve given by its rows (time, at risk, events), sorted by time: the
 * censorings of a row are whoever leaves the risk set otherwise (at risk − events − next at risk).
 */
export function dailyCounts(curve: readonly {time: number; at_risk: number; events: number}[]): SurvivalCounts[] {
  const list = [...curve].sort((a, b) => a.time - b.time);
  return list.map((r, i) => ({
    time: r.time,
    at_risk: r.at_risk,
    events: r.events,
    censored: r.at_risk - r.events - (i + 1 < list.length ? list[i + 1].at_risk : 0)
  }));
}

/**
 * How far a published curve (rows of time and survival, read as a right-continuous step function
 * starting at 1) is from the exact Kaplan-Meier curve of the daily table: the absolute difference
 * at each of `days` and its maximum over all days (both are step functions, so the maximum is
 * taken at their jumps). `where(day)` limits the maximum to the days it accepts (e.g. outside
 * flagged intervals). Used to measure the coarsening (validation/export-curves.ts, tests).
 */
export function stepDeviation(
  daily: readonly SurvivalCounts[],
  published: readonly {time: number; survival: number}[],
  days: readonly number[],
  where: (day: number) => boolean = () => true
): {at: number[]; max: number} {
  const exact: {time: number; survival: number}[] = [];
  let s = 1;
  for (const r of [...daily].sort((a, b) => a.time - b.time)) {
    if (r.at_risk > 0) s *= 1 - r.events / r.at_risk;
    exact.push({time: r.time, survival: s});
  }
  const pub = [...published].sort((a, b) => a.time - b.time);
  // one sweep over the jumps of both curves and the asked days, in order
  const points = [...new Set([...exact.map((r) => r.time), ...pub.map((r) => r.time), ...days])].sort((a, b) => a - b);
  const diffAt = new Map<number, number>();
  let max = 0;
  let e = 0;
  let p = 0;
  let exactValue = 1;
  let pubValue = 1;
  for (const day of points) {
    while (e < exact.length && exact[e].time <= day) exactValue = exact[e++].survival;
    while (p < pub.length && pub[p].time <= day) pubValue = pub[p++].survival;
    const d = Math.abs(pubValue - exactValue);
    diffAt.set(day, d);
    if (where(day)) max = Math.max(max, d);
  }
  return {at: days.map((day) => diffAt.get(day)!), max};
}

/**
 * Person-period cells form chains (one per covariate cell, over the periods):
 * at_risk(k) − events(k) − at_risk(k + 1) is the number who left the cell in
 * period k by completing, transferring or censoring. Two published at-risk
 * values of a chain therefore reveal "at_risk(i) − at_risk(j) − published
 * events in between" individuals: the exits plus any hidden events. When that
 * number is 1 … k − 1 (e.g. a hidden event count of 1 next to a drop of 1 in
 * the number at risk), the later at-risk value is hidden too (or, at the end of
 * a chain where the next value is an implicit 0, the earlier one). Applied
 * after the privacy gate; mutates and returns the rows (adds "at_risk" to
 * `suppressed`). Returns the number of values hidden.
 */
export interface PeriodRow {
  period: number;
  at_risk: number | null;
  events: number | null;
  suppressed?: string[];
  [column: string]: unknown;
}

export function guardPeriodChains(rows: PeriodRow[], chainColumns: readonly string[], k: number): number {
  const chains = new Map<string, PeriodRow[]>();
  for (const r of rows) {
    const key = chainColumns.map((c) => String(r[c])).join("\u0001");
    let list = chains.get(key);
    if (!list) chains.set(key, (list = []));
    list.push(r);
  }
  let hidden = 0;
  const hide = (r: PeriodRow) => {
    r.at_risk = null;
    r.suppressed = [...new Set([...(r.suppressed ?? []), "at_risk"])].sort();
    hidden++;
  };
  for (const list of chains.values()) {
    list.sort((a, b) => a.period - b.period);
    for (let guard = 0; guard <= list.length; guard++) {
      let violation = false;
      let last = -1; // index of the last published at_risk
      let events = 0; // published events since it
      for (let j = 0; j <= list.length; j++) {
        // past the end, or a gap in the periods: the number at risk is an implicit (known) 0
        const gap = j < list.length && last >= 0 && list[j].period !== list[j - 1].period + 1;
        if (last >= 0 && (j === list.length || gap)) {
          const d = (list[last].at_risk as number) - events;
          if (d > 0 && d < k) {
            hide(list[last]);
            violation = true;
            break;
          }
          last = -1;
          events = 0;
        }
        if (j === list.length) break;
        const r = list[j];
        if (r.at_risk !== null) {
          if (last >= 0) {
            const d = (list[last].at_risk as number) - r.at_risk - events;
            if (d > 0 && d < k) {
              hide(r);
              violation = true;
              break;
            }
          }
          last = j;
          events = 0;
        }
        if (last >= 0 && r.events !== null) events += r.events;
      }
      if (!violation) break;
    }
  }
  return hidden;
}
