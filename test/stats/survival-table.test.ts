import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {compareGroups, logRankTable, survivalTable} from "../../loaders/stats/survival-table.ts";

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
      fc.property(fc.array(fc.tuple(fc.double({min: -1e6, max: 1e6, noNaN: true}), fc.boolean()), {maxLength: 60}), (pairs) => {
        const t = survivalTable(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
        t.forEach((row, i) => {
          const next = i + 1 < t.length ? t[i + 1].at_risk : 0;
          expect(row.at_risk).toBe(next + row.events + row.censored);
        });
      })
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
