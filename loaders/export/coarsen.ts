/**
 * Coarsening of a survival table (time, at_risk, events, censored) so it can
 * be exported with its counts: consecutive times are merged into intervals
 * until, in every exported row,
 *
 *   events ∈ {0} ∪ [k, ∞),  censored ∈ {0} ∪ [k, ∞),
 *   at_risk − events − censored (those left after the row) ∈ {0} ∪ [k, ∞),
 *
 * with k the minimum cell size, so no row (and no difference of two rows)
 * describes 1 … k − 1 individuals. A merged row carries the last time of the
 * interval, the number at risk at its start, and the events and censorings
 * inside it. The Kaplan-Meier estimate computed from the merged table is the
 * product-limit estimate of the times rounded up to the interval ends
 * (events tied at the end, censorings counted at risk for them). A group with
 * fewer than k individuals, or with 1 … k − 1 events in all, cannot be
 * exported and gives `null`.
 *
 * Pure function, no I/O.
 */

export interface SurvivalCounts {
  time: number;
  at_risk: number;
  events: number;
  censored: number;
}

export function coarsenSurvivalTable(rows: readonly SurvivalCounts[], k: number): SurvivalCounts[] | null {
  if (rows.length === 0) return [];
  const sorted = [...rows].sort((a, b) => a.time - b.time);
  const ok = (x: number) => x === 0 || x >= k;
  if (sorted[0].at_risk < k) return null;
  const bins: SurvivalCounts[] = [];
  let cur: SurvivalCounts | null = null;
  for (const r of sorted) {
    if (cur === null) cur = {time: r.time, at_risk: r.at_risk, events: 0, censored: 0};
    cur.time = r.time;
    cur.events += r.events;
    cur.censored += r.censored;
    if (ok(cur.events) && ok(cur.censored) && ok(cur.at_risk - cur.events - cur.censored)) {
      bins.push(cur);
      cur = null;
    }
  }
  if (cur !== null) {
    // the tail could not be closed on its own: fold it into the rows before it
    const last = bins.pop();
    if (last) {
      last.time = cur.time;
      last.events += cur.events;
      last.censored += cur.censored;
      cur = last;
    }
    bins.push(cur);
  }
  // a folded tail can leave the last row with a small count: merge backwards until valid
  while (bins.length > 0) {
    const last = bins[bins.length - 1];
    if (ok(last.events) && ok(last.censored) && ok(last.at_risk - last.events - last.censored)) break;
    if (bins.length === 1) return null;
    bins.pop();
    const prev = bins[bins.length - 1];
    prev.time = last.time;
    prev.events += last.events;
    prev.censored += last.censored;
  }
  return bins;
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
