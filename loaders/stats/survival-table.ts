/**
 * Pure-TypeScript builders of the aggregated "survival tables" that the
 * Kaplan–Meier and log-rank estimators consume. The SQL builders in
 * `sql/survival-table.ts` and `sql/log-rank-table.ts` produce the same tables
 * inside DuckDB; `kaplanMeier` and `logRank` are literally "build the table
 * here, then call the `…FromTable` function", so each formula exists once.
 *
 * Conventions (both paths):
 * - A subject censored at time t is at risk at t (events are processed before
 *   censorings at tied times), as in R `survival`.
 * - `event` must be a boolean or 0/1; times must be finite numbers. Anything
 *   else throws RangeError (the SQL path raises a DuckDB error instead).
 */
import {checkSameLength} from "./validate.ts";

/** Event indicator as accepted by the survival functions. */
export type EventIndicator = boolean | 0 | 1;

/** One row per distinct time (per stratum in SQL). */
export interface SurvivalTableRow {
  time: number;
  /** Number of subjects with time ≥ t. */
  at_risk: number;
  /** Number of events at t. */
  events: number;
  /** Number censored at t. */
  censored: number;
}

/** One row per (distinct event time × group). */
export interface LogRankTableRow {
  grp: string | number;
  time: number;
  /** Subjects of this group with time ≥ t. */
  at_risk: number;
  /** Events of this group at t. */
  events: number;
}

/** Convert an event indicator to 0/1, throwing RangeError on anything else. */
export function eventToInt(value: unknown, index: number): 0 | 1 {
  if (value === true || value === 1) return 1;
  if (value === false || value === 0) return 0;
  throw new RangeError(`event[${index}] must be a boolean or 0/1, got ${String(value)}`);
}

function checkTime(value: unknown, index: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RangeError(`time[${index}] must be a finite number, got ${String(value)}`);
  }
  return value;
}

/** Total order for group labels: numbers numerically, otherwise by string code units. */
export function compareGroups(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Aggregate individual (time, event) observations into one row per distinct
 * time, sorted by time: at_risk = #{time ≥ t} (a reverse cumulative sum of the
 * per-time counts), events and censored at t.
 *
 * @example
 * survivalTable([1, 2, 2, 3], [1, 0, 1, 1]);
 * // [{time: 1, at_risk: 4, events: 1, censored: 0},
 * //  {time: 2, at_risk: 3, events: 1, censored: 1},
 * //  {time: 3, at_risk: 1, events: 1, censored: 0}]
 */
export function survivalTable(time: readonly number[], event: readonly EventIndicator[]): SurvivalTableRow[] {
  checkSameLength({time, event});
  const n = time.length;
  const order = Array.from({length: n}, (_, i) => i);
  const t = time.map((value, i) => checkTime(value, i));
  const e = event.map((value, i) => eventToInt(value, i));
  order.sort((i, j) => t[i] - t[j]);
  const rows: SurvivalTableRow[] = [];
  for (let k = 0; k < n;) {
    const current = t[order[k]];
    let events = 0;
    let count = 0;
    while (k < n && t[order[k]] === current) {
      events += e[order[k]];
      count += 1;
      k += 1;
    }
    rows.push({time: current, at_risk: 0, events, censored: count - events});
  }
  let atRisk = 0;
  for (let i = rows.length - 1; i >= 0; i--) {
    atRisk += rows[i].events + rows[i].censored;
    rows[i].at_risk = atRisk;
  }
  return rows;
}

/**
 * Aggregate individual (time, event, group) observations into the log-rank
 * table: for every distinct time at which at least one event occurs (in any
 * group) and every group, the number at risk in that group and its events.
 * Rows are sorted by time, then group (`compareGroups`).
 *
 * @example
 * logRankTable([1, 2, 3], [1, 1, 0], ["a", "b", "a"]);
 * // [{grp: "a", time: 1, at_risk: 2, events: 1}, {grp: "b", time: 1, at_risk: 1, events: 0},
 * //  {grp: "a", time: 2, at_risk: 1, events: 0}, {grp: "b", time: 2, at_risk: 1, events: 1}]
 */
export function logRankTable<G extends string | number>(
  time: readonly number[],
  event: readonly EventIndicator[],
  group: readonly G[]
): Array<LogRankTableRow & {grp: G}> {
  checkSameLength({time, event, group});
  const groups = distinctGroups(group);
  const index = new Map<G, number>(groups.map((g, i) => [g, i]));
  const byGroup: {time: number[]; event: EventIndicator[]}[] = groups.map(() => ({time: [], event: []}));
  group.forEach((g, i) => {
    const bucket = byGroup[index.get(g)!];
    bucket.time.push(checkTime(time[i], i));
    eventToInt(event[i], i);
    bucket.event.push(event[i]);
  });
  return logRankTableFromSurvival(
    new Map(groups.map((g, gi) => [g, survivalTable(byGroup[gi].time, byGroup[gi].event)]))
  );
}

/**
 * The log-rank table from each group's survival table (as from
 * `survivalTable`, or `survivalTableSql` grouped by the group column): at
 * every time with an event in any group, each group's at_risk is that of its
 * first row at or after the time (0 past its last row) and its events those
 * at the time. Lets one grouped survival query serve both the curves and the
 * tests. Groups in the map's order.
 */
export function logRankTableFromSurvival<G extends string | number>(
  tables: ReadonlyMap<G, readonly {time: unknown; at_risk: unknown; events: unknown}[]>
): Array<LogRankTableRow & {grp: G}> {
  const groups = [...tables.keys()];
  const perGroup = groups.map((g) =>
    tables
      .get(g)!
      .map((r) => ({time: Number(r.time), at_risk: Number(r.at_risk), events: Number(r.events)}))
      .sort((a, b) => a.time - b.time)
  );
  const eventTimes = new Set<number>();
  for (const table of perGroup) for (const r of table) if (r.events > 0) eventTimes.add(r.time);
  const times = [...eventTimes].sort((a, b) => a - b);
  // Per group: at_risk(t) = at_risk of the first row with time ≥ t.
  const rows: Array<LogRankTableRow & {grp: G}> = [];
  const cursor = groups.map(() => 0);
  for (const t of times) {
    groups.forEach((g, gi) => {
      const table = perGroup[gi];
      while (cursor[gi] < table.length && table[cursor[gi]].time < t) cursor[gi] += 1;
      const row = table[cursor[gi]];
      const atRisk = row === undefined ? 0 : row.at_risk;
      const events = row !== undefined && row.time === t ? row.events : 0;
      rows.push({grp: g, time: t, at_risk: atRisk, events});
    });
  }
  return rows;
}

/** Sorted distinct group labels; throws RangeError for labels that are not strings or finite numbers. */
export function distinctGroups<G extends string | number>(group: readonly G[]): G[] {
  const seen = new Set<G>();
  group.forEach((g, i) => {
    if (!(typeof g === "string" || (typeof g === "number" && Number.isFinite(g)))) {
      throw new RangeError(`group[${i}] must be a string or finite number, got ${String(g)}`);
    }
    seen.add(g);
  });
  return [...seen].sort(compareGroups);
}
