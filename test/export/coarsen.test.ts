// Pure parts of the export's privacy handling: merging a survival table into publishable intervals,
// and the chain rule of the person-period cells.
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {coarsenSurvivalTable, guardPeriodChains, type PeriodRow, type SurvivalCounts} from "../../loaders/export/coarsen.ts";
import {kaplanMeierFromTable, survivalTable} from "../../loaders/stats/index.ts";

const ok = (x: number, k: number) => x === 0 || x >= k;

describe("coarsenSurvivalTable", () => {
  it("merges times until every row has 0 or ≥ k events, censorings and people left", () => {
    const rows: SurvivalCounts[] = [
      {time: 1, at_risk: 30, events: 2, censored: 0},
      {time: 2, at_risk: 28, events: 3, censored: 1},
      {time: 5, at_risk: 24, events: 0, censored: 5},
      {time: 7, at_risk: 19, events: 6, censored: 0},
      {time: 9, at_risk: 13, events: 1, censored: 12}
    ];
    const out = coarsenSurvivalTable(rows, 5)!;
    // 2+3 events with 1 censoring is not publishable; adding the 5 censorings of time 5 is
    // … and the 1 event at time 9 cannot stand alone: it is folded into the interval before it
    expect(out).toEqual([
      {time: 5, at_risk: 30, events: 5, censored: 6},
      {time: 9, at_risk: 19, events: 7, censored: 12}
    ]);
  });

  it("gives null when a group is too small or has 1 … k − 1 events in all", () => {
    expect(coarsenSurvivalTable([{time: 1, at_risk: 4, events: 0, censored: 4}], 5)).toBeNull();
    expect(coarsenSurvivalTable([{time: 1, at_risk: 50, events: 3, censored: 0}, {time: 2, at_risk: 47, events: 0, censored: 47}], 5)).toBeNull();
    expect(coarsenSurvivalTable([{time: 3, at_risk: 50, events: 0, censored: 50}], 5)).toEqual([{time: 3, at_risk: 50, events: 0, censored: 50}]);
  });

  it("keeps every total and yields publishable rows (property)", () => {
    fc.assert(fc.property(
      fc.array(fc.record({time: fc.integer({min: 0, max: 400}), event: fc.boolean()}), {minLength: 1, maxLength: 300}),
      fc.integer({min: 2, max: 8}),
      (obs, k) => {
        const table = survivalTable(obs.map((o) => o.time), obs.map((o) => o.event)).map((r) => ({time: r.time, at_risk: r.at_risk, events: r.events, censored: r.censored}));
        const out = coarsenSurvivalTable(table, k);
        const events = obs.filter((o) => o.event).length;
        if (out === null) {
          expect(obs.length < k || (events > 0 && events < k) || obs.length - events < k && obs.length - events > 0).toBe(true);
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
        }
        // the estimate on the merged table is the product-limit estimate of the times rounded up to the interval ends
        const ends = out.map((r) => r.time);
        const rounded = obs.map((o) => ends.find((t) => t >= o.time)!);
        const direct = kaplanMeierFromTable(survivalTable(rounded, obs.map((o) => o.event)));
        const merged = kaplanMeierFromTable(out);
        expect(merged.map((r) => r.survival)).toEqual(direct.map((r) => r.survival));
      }
    ), {numRuns: 300});
  });
});

describe("guardPeriodChains", () => {
  const chain = (values: [number | null, number | null][]): PeriodRow[] =>
    values.map(([at_risk, events], period) => ({period, cell: "a", at_risk, events, ...(at_risk === null || events === null ? {suppressed: [...(at_risk === null ? ["at_risk"] : []), ...(events === null ? ["events"] : [])]} : {})}));

  it("hides the next at-risk value when the drop between two published values, less published events, is 1 … k − 1", () => {
    // 40 → 37 with 0 events: 3 left the cell (completed, transferred or censored)
    const rows = chain([[40, 0], [37, 5], [32, 0]]);
    // then 40 → 32 with 0 + 5 published events: again 3 left → 32 goes too; the chain then ends at 40
    // (an implicit 0 after it): 40 − 5 = 35 is fine
    expect(guardPeriodChains(rows, ["cell"], 5)).toBe(2);
    expect(rows.map((r) => r.at_risk)).toEqual([40, null, null]);
    expect(rows[1].suppressed).toEqual(["at_risk"]);
    expect(rows.map((r) => r.events)).toEqual([0, 5, 0]);
  });

  it("a hidden event count next to a drop of 1 would reveal it: the later at-risk is hidden", () => {
    const rows = chain([[50, null], [49, 0], [49, 0], [20, 0]]);
    guardPeriodChains(rows, ["cell"], 5);
    expect(rows[1].at_risk).toBeNull();
    // 50 → 49 (period 2) with a hidden count: drop 1 again → hidden; 50 → 20: 30 left, fine
    expect(rows.map((r) => r.at_risk)).toEqual([50, null, null, 20]);
  });

  it("leaves chains alone whose drops are 0 or ≥ k, and treats the end of a chain as 0", () => {
    const rows = chain([[100, 10], [90, 0], [90, 20], [60, 0]]);
    expect(guardPeriodChains(rows, ["cell"], 5)).toBe(0);
    const end = chain([[12, 0], [9, 0]]); // 12 → 9: 3 left → hide 9; then 12 → end (0): 12 left, fine
    guardPeriodChains(end, ["cell"], 5);
    expect(end.map((r) => r.at_risk)).toEqual([12, null]);
    const tail = chain([[30, 0], [8, 5]]); // 30 → 8 fine; 8 − 5 = 3 leave after the last period → hide 8
    guardPeriodChains(tail, ["cell"], 5);
    expect(tail.map((r) => r.at_risk)).toEqual([30, null]);
  });

  it("never leaves a published drop of 1 … k − 1 (property)", () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({min: 0, max: 40}), fc.integer({min: 0, max: 6}), fc.boolean()), {minLength: 1, maxLength: 12}), (steps) => {
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
    }), {numRuns: 500});
  });
});
