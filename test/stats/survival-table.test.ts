import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {
  compareGroups,
  logRankTable,
  logRankTableFromSurvival,
  survivalTable
} from "../../loaders/stats/survival-table.ts";

describe("survivalTable", () => {
  it("aggregates ties and computes at-risk counts", () => {
    expect(survivalTable([2, 1, 2, 3], [0, 1, 1, 1])).toEqual([
      {time: 1, at_risk: 4, events: 1, censored: 0},
      {time: 2, at_risk: 3, events: 1, censored: 1},
      {time: 3, at_risk: 1, events: 1, censored: 0}
    ]);
    expect(survivalTable([], [])).toEqual([]);
  });
  it("validates", () => {
    expect(() => survivalTable([1], [])).toThrow(RangeError);
    expect(() => survivalTable([1], ["yes" as unknown as boolean])).toThrow(RangeError);
  });
  it("at_risk[i] = at_risk[i+1] + events[i] + censored[i] (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({min: -1e6, max: 1e6, noNaN: true}), fc.boolean()), {maxLength: 60}),
        (pairs) => {
          const t = survivalTable(
            pairs.map((p) => p[0]),
            pairs.map((p) => p[1])
          );
          t.forEach((row, i) => {
            const next = i + 1 < t.length ? t[i + 1].at_risk : 0;
            expect(row.at_risk).toBe(next + row.events + row.censored);
          });
        }
      )
    );
  });
});

describe("logRankTable", () => {
  it("one row per event time × group, groups sorted", () => {
    expect(logRankTable([1, 2, 3], [1, 1, 0], ["b", "a", "b"])).toEqual([
      {grp: "a", time: 1, at_risk: 1, events: 0},
      {grp: "b", time: 1, at_risk: 2, events: 1},
      {grp: "a", time: 2, at_risk: 1, events: 1},
      {grp: "b", time: 2, at_risk: 1, events: 0}
    ]);
  });
  it("compareGroups orders numbers numerically and strings by code unit", () => {
    expect([10, 2, 1].sort(compareGroups)).toEqual([1, 2, 10]);
    expect(["b", "B", "a"].sort(compareGroups)).toEqual(["B", "a", "b"]);
  });
});

describe("logRankTableFromSurvival", () => {
  it("equals logRankTable of the individual data, from per-group survival tables in any row order (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({min: 0, max: 30}), fc.boolean(), fc.constantFrom("a", "b", "c")), {
          minLength: 1,
          maxLength: 80
        }),
        (obs) => {
          const want = logRankTable(
            obs.map((o) => o[0]),
            obs.map((o) => o[1]),
            obs.map((o) => o[2])
          );
          const groups = [...new Set(obs.map((o) => o[2]))].sort();
          const tables = new Map(
            groups.map((g) => {
              const mine = obs.filter((o) => o[2] === g);
              // reversed, and counts as strings as DuckDB may return them
              return [
                g,
                survivalTable(
                  mine.map((o) => o[0]),
                  mine.map((o) => o[1])
                )
                  .reverse()
                  .map((r) => ({...r, at_risk: String(r.at_risk)}))
              ];
            })
          );
          expect(logRankTableFromSurvival(tables)).toEqual(want);
        }
      )
    );
  });
});
