// Pure parts of the export's privacy handling: merging a survival table into publishable intervals,
// and the chain rule of the person-period cells.
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {
  coarsenSurvivalTable,
  dailyCounts,
  guardPeriodChains,
  stepDeviation,
  wideSteps,
  type PeriodRow,
  type SurvivalCounts
} from "../../loaders/export/coarsen.ts";
import {kaplanMeierFromTable, survivalTable} from "../../loaders/stats/index.ts";

const ok = (x: number, k: number) => x === 0 || x >= k;

/** Every partition of the daily rows into consecutive runs (small tables only). */
function partitions(m: number): number[][] {
  if (m === 0) return [[]];
  const out: number[][] = [];
  for (let first = 1; first <= m; first++) for (const rest of partitions(m - first)) out.push([first, ...rest]);
  return out;
}

/** Rows of a partition of `daily` (run lengths), with the coarsening's time rule, or null when a row breaks the rules. */
function rowsOf(daily: SurvivalCounts[], runs: number[], k: number) {
  const out = [];
  let i = 0;
  for (const len of runs) {
    const part = daily.slice(i, i + len);
    i += len;
    const events = part.reduce((s, r) => s + r.events, 0);
    const censored = part.reduce((s, r) => s + r.censored, 0);
    const at_risk = part[0].at_risk;
    if (!ok(events, k) || !ok(censored, k) || !ok(at_risk - events - censored, k) || at_risk < k) return null;
    const lastEvent = part.filter((r) => r.events > 0).pop();
    out.push({
      time: (lastEvent ?? part[part.length - 1]).time,
      at_risk,
      events,
      censored,
      through: part[part.length - 1].time
    });
  }
  return out;
}

const tableOf = (obs: {time: number; event: boolean}[]): SurvivalCounts[] =>
  survivalTable(
    obs.map((o) => o.time),
    obs.map((o) => o.event)
  ).map((r) => ({time: r.time, at_risk: r.at_risk, events: r.events, censored: r.censored}));

describe("coarsenSurvivalTable", () => {
  it("merges times until every row has 0 or ≥ k events, censorings and people left; a row ends at its last event", () => {
    const rows: SurvivalCounts[] = [
      {time: 1, at_risk: 30, events: 2, censored: 0},
      {time: 2, at_risk: 28, events: 3, censored: 1},
      {time: 5, at_risk: 24, events: 0, censored: 5},
      {time: 7, at_risk: 19, events: 6, censored: 0},
      {time: 9, at_risk: 13, events: 1, censored: 12}
    ];
    const out = coarsenSurvivalTable(rows, 5)!;
    // 2+3 events with 1 censoring is not publishable; adding the 5 censorings of time 5 is — the row's
    // time is its last event (2), the censorings of time 5 follow it; the 1 event at time 9 cannot stand
    // alone: it joins the 6 of time 7
    expect(out).toEqual([
      {time: 2, at_risk: 30, events: 5, censored: 6, through: 5},
      {time: 9, at_risk: 19, events: 7, censored: 12, through: 9}
    ]);
  });

  it("a tail of fewer than k events after a closed interval: the last row ends at the last event, the split keeps the steps even", () => {
    // 20 people: dropouts on days 10, 20, …, 100 (one each), then on days 400 and 800; 8 followed to day 1000
    const obs = [
      ...[10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 400, 800].map((time) => ({time, event: true})),
      ...Array.from({length: 8}, () => ({time: 1000, event: false}))
    ];
    const daily = tableOf(obs);
    const out = coarsenSurvivalTable(daily, 5)!;
    // closing at 5 events and folding the tail gave (50: 5 events), (1000: 7 events and 8 censored): a
    // published 0.75 until day 1000 against an exact 0.45 from day 400; the split at 6 | 6 is the one
    // whose largest gap to the exact curve is smallest (0.25 against 0.3 for 5 | 7 and 7 | 5)
    expect(out).toEqual([
      {time: 60, at_risk: 20, events: 6, censored: 0, through: 60},
      {time: 800, at_risk: 14, events: 6, censored: 8, through: 1000}
    ]);
    const km = kaplanMeierFromTable(out);
    expect(km.map((r) => Math.round(r.survival * 1e9) / 1e9)).toEqual([0.7, 0.4]);
    // the last value is the exact one (no censoring before an event inside a row), and only the steps are coarse
    const dev = stepDeviation(daily, km, [365, 730, 1826]);
    expect(dev.at.map((x) => Math.round(x * 1000) / 1000)).toEqual([0.2, 0.25, 0]);
    expect(Math.round(dev.max * 1000) / 1000).toBe(0.25);
    expect(wideSteps(km.map((r) => r.survival))).toEqual([true, true]);
  });

  it("gives null when a group is too small or has 1 … k − 1 events in all", () => {
    expect(coarsenSurvivalTable([{time: 1, at_risk: 4, events: 0, censored: 4}], 5)).toBeNull();
    expect(
      coarsenSurvivalTable(
        [
          {time: 1, at_risk: 50, events: 3, censored: 0},
          {time: 2, at_risk: 47, events: 0, censored: 47}
        ],
        5
      )
    ).toBeNull();
    expect(coarsenSurvivalTable([{time: 3, at_risk: 50, events: 0, censored: 50}], 5)).toEqual([
      {time: 3, at_risk: 50, events: 0, censored: 50, through: 3}
    ]);
  });

  it("refuses a table whose counts do not follow from each other, naming the row", () => {
    expect(() =>
      coarsenSurvivalTable(
        [
          {time: 1, at_risk: 30, events: 2, censored: 0},
          {time: 2, at_risk: 27, events: 3, censored: 24}
        ],
        5
      )
    ).toThrow(/row 1 \(time 2\): at_risk 27, expected 28/);
    expect(() => coarsenSurvivalTable([{time: 1, at_risk: 30, events: 2.5, censored: 0}], 5)).toThrow(
      /row 0 \(time 1\): events must be a non-negative integer/
    );
    expect(() => coarsenSurvivalTable([{time: 1, at_risk: 3, events: 2, censored: 2}], 2)).toThrow(
      /events \+ censored \(4\) exceed at_risk \(3\)/
    );
  });

  it("keeps every total, yields publishable rows ending at their last event, and the estimate is the product-limit estimate of the rounded times (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({time: fc.integer({min: 0, max: 400}), event: fc.boolean()}), {
          minLength: 1,
          maxLength: 300
        }),
        fc.integer({min: 2, max: 8}),
        (obs, k) => {
          const table = tableOf(obs);
          const out = coarsenSurvivalTable(table, k);
          const events = obs.filter((o) => o.event).length;
          if (out === null) {
            expect(
              obs.length < k || (events > 0 && events < k) || (obs.length - events < k && obs.length - events > 0)
            ).toBe(true);
            return;
          }
          expect(out.reduce((s, r) => s + r.events, 0)).toBe(events);
          expect(out.reduce((s, r) => s + r.censored, 0)).toBe(obs.length - events);
          expect(out[0].at_risk).toBe(obs.length);
          for (let i = 0; i < out.length; i++) {
            const r = out[i];
            expect(ok(r.events, k) && ok(r.censored, k) && ok(r.at_risk - r.events - r.censored, k)).toBe(true);
            if (i + 1 < out.length) expect(out[i + 1].at_risk).toBe(r.at_risk - r.events - r.censored);
            else expect(r.at_risk - r.events - r.censored).toBe(0);
            // the row's time: its last event day (its last day without events); only censorings after it
            const start = i === 0 ? -Infinity : out[i - 1].through;
            const inside = table.filter((d) => d.time > start && d.time <= r.through);
            const lastEvent = inside.filter((d) => d.events > 0).pop();
            expect(r.time).toBe((lastEvent ?? inside[inside.length - 1]).time);
            if (i > 0) expect(r.time).toBeGreaterThan(out[i - 1].time);
          }
          expect(out[out.length - 1].through).toBe(table[table.length - 1].time);
          // the estimate on the merged table is the product-limit estimate of every time moved to its row's time
          const rowOf = (t: number) => out.find((r) => r.through >= t)!;
          const rounded = obs.map((o) => rowOf(o.time).time);
          const direct = kaplanMeierFromTable(
            survivalTable(
              rounded,
              obs.map((o) => o.event)
            )
          );
          const merged = kaplanMeierFromTable(out);
          expect(merged.map((r) => r.survival)).toEqual(
            direct.filter((r) => r.events > 0 || out.some((o) => o.time === r.time)).map((r) => r.survival)
          );
        }
      ),
      {numRuns: 300}
    );
  });

  it("its largest gap to the exact curve is the smallest any publishable partition reaches when censorings come last; never above one row's (property, small tables)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({time: fc.integer({min: 0, max: 9}), event: fc.boolean()}), {minLength: 6, maxLength: 40}),
        fc.integer({min: 2, max: 4}),
        fc.boolean(),
        (raw, k, censorLast) => {
          // censorLast: every censoring after the last event, so the published curve meets the exact one at every row end
          const obs = censorLast ? raw.map((o) => (o.event ? o : {time: 10, event: false})) : raw;
          const table = tableOf(obs);
          const out = coarsenSurvivalTable(table, k);
          const gap = (rows: SurvivalCounts[]) => stepDeviation(table, kaplanMeierFromTable(rows), []).max;
          const all = partitions(table.length)
            .map((p) => rowsOf(table, p, k))
            .filter((p) => p !== null);
          if (out === null) {
            expect(all).toEqual([]);
            return;
          }
          const oneRow = rowsOf(table, [table.length], k)!;
          // equal maxima within the programme's tolerance (0.1 percentage point)
          expect(gap(out)).toBeLessThanOrEqual(gap(oneRow) + 1e-3 + 1e-12);
          if (censorLast) expect(gap(out)).toBeLessThanOrEqual(Math.min(...all.map((p) => gap(p!))) + 1e-3 + 1e-12);
        }
      ),
      {numRuns: 300}
    );
  });
});

describe("wideSteps, stepDeviation, dailyCounts", () => {
  it("flags a row whose drop from the row before (1 before the first) exceeds the bound", () => {
    expect(wideSteps([0.99, 0.95, 0.94, 0.9], 0.02)).toEqual([false, true, false, true]);
    expect(wideSteps([0.97], 0.02)).toEqual([true]);
    expect(wideSteps([0.98], 0.02)).toEqual([false]);
  });

  it("measures the gap of two step functions at given days and over all days", () => {
    // exact: 10 at risk, 1 event on day 1 (0.9), 1 on day 3 (0.8), 8 censored on day 5
    const daily: SurvivalCounts[] = [
      {time: 1, at_risk: 10, events: 1, censored: 0},
      {time: 3, at_risk: 9, events: 1, censored: 0},
      {time: 5, at_risk: 8, events: 0, censored: 8}
    ];
    const dev = stepDeviation(daily, [{time: 3, survival: 0.8}], [0, 1, 2, 3, 10]);
    expect(dev.at.map((x) => Math.round(x * 1e9) / 1e9)).toEqual([0, 0.1, 0.1, 0, 0]);
    expect(Math.round(dev.max * 1e9) / 1e9).toBe(0.1);
    expect(stepDeviation(daily, [{time: 3, survival: 0.8}], [], (day) => day >= 3).max).toBeCloseTo(0, 12);
  });

  it("derives each row's censorings from the next row's number at risk", () => {
    expect(
      dailyCounts([
        {time: 4, at_risk: 7, events: 1},
        {time: 2, at_risk: 10, events: 2}
      ])
    ).toEqual([
      {time: 2, at_risk: 10, events: 2, censored: 1},
      {time: 4, at_risk: 7, events: 1, censored: 6}
    ]);
  });
});

describe("guardPeriodChains", () => {
  const chain = (values: [number | null, number | null][]): PeriodRow[] =>
    values.map(([at_risk, events], period) => ({
      period,
      cell: "a",
      at_risk,
      events,
      ...(at_risk === null || events === null
        ? {suppressed: [...(at_risk === null ? ["at_risk"] : []), ...(events === null ? ["events"] : [])]}
        : {})
    }));

  it("hides the next at-risk value when the drop between two published values, less published events, is 1 … k − 1", () => {
    // 40 → 37 with 0 events: 3 left the cell (completed, transferred or censored)
    const rows = chain([
      [40, 0],
      [37, 5],
      [32, 0]
    ]);
    // then 40 → 32 with 0 + 5 published events: again 3 left → 32 goes too; the chain then ends at 40
    // (an implicit 0 after it): 40 − 5 = 35 is fine
    expect(guardPeriodChains(rows, ["cell"], 5)).toBe(2);
    expect(rows.map((r) => r.at_risk)).toEqual([40, null, null]);
    expect(rows[1].suppressed).toEqual(["at_risk"]);
    expect(rows.map((r) => r.events)).toEqual([0, 5, 0]);
  });

  it("a hidden event count next to a drop of 1 would reveal it: the later at-risk is hidden", () => {
    const rows = chain([
      [50, null],
      [49, 0],
      [49, 0],
      [20, 0]
    ]);
    guardPeriodChains(rows, ["cell"], 5);
    expect(rows[1].at_risk).toBeNull();
    // 50 → 49 (period 2) with a hidden count: drop 1 again → hidden; 50 → 20: 30 left, fine
    expect(rows.map((r) => r.at_risk)).toEqual([50, null, null, 20]);
  });

  it("leaves chains alone whose drops are 0 or ≥ k, and treats the end of a chain as 0", () => {
    const rows = chain([
      [100, 10],
      [90, 0],
      [90, 20],
      [60, 0]
    ]);
    expect(guardPeriodChains(rows, ["cell"], 5)).toBe(0);
    const end = chain([
      [12, 0],
      [9, 0]
    ]); // 12 → 9: 3 left → hide 9; then 12 → end (0): 12 left, fine
    guardPeriodChains(end, ["cell"], 5);
    expect(end.map((r) => r.at_risk)).toEqual([12, null]);
    const tail = chain([
      [30, 0],
      [8, 5]
    ]); // 30 → 8 fine; 8 − 5 = 3 leave after the last period → hide 8
    guardPeriodChains(tail, ["cell"], 5);
    expect(tail.map((r) => r.at_risk)).toEqual([30, null]);
  });

  it("never leaves a published drop of 1 … k − 1 (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({min: 0, max: 40}), fc.integer({min: 0, max: 6}), fc.boolean()), {
          minLength: 1,
          maxLength: 12
        }),
        (steps) => {
          // build a consistent chain: at_risk decreases by events + exits
          let n = 60;
          const values: [number | null, number | null][] = [];
          for (const [exits, events, hideEvents] of steps) {
            if (n <= 0) break;
            const e = Math.min(events, n);
            values.push([n, hideEvents ? null : e]);
            n = Math.max(0, n - e - exits);
          }
          const rows = chain(values);
          guardPeriodChains(rows, ["cell"], 5);
          let last = -1;
          let ev = 0;
          for (let j = 0; j <= rows.length; j++) {
            const a = j < rows.length ? rows[j].at_risk : 0;
            if (a !== null && last >= 0) {
              const d = (rows[last].at_risk as number) - a - ev;
              expect(d <= 0 || d >= 5).toBe(true);
            }
            if (j === rows.length) break;
            if (a !== null) {
              last = j;
              ev = 0;
            }
            if (last >= 0 && rows[j].events !== null) ev += rows[j].events as number;
          }
        }
      ),
      {numRuns: 500}
    );
  });
});
