// Tests of loaders/stats/c-statistic.ts (grouped concordance), against every pair counted one by one.
import {describe, expect, it} from "vitest";
import {cStatistic, type ScoredGroup} from "../../loaders/stats/c-statistic.ts";

/** Concordance over every (case, non-case) pair of the expanded individual data. */
function byPairs(groups: ScoredGroup[]): number {
  const cases: number[] = [];
  const non: number[] = [];
  for (const g of groups) {
    for (let i = 0; i < g.events; i++) cases.push(g.score);
    for (let i = 0; i < g.trials - g.events; i++) non.push(g.score);
  }
  let c = 0;
  for (const a of cases) for (const b of non) c += a > b ? 1 : a === b ? 0.5 : 0;
  return c / (cases.length * non.length);
}

describe("cStatistic", () => {
  it("matches the worked example in its doc comment", () => {
    expect(
      cStatistic([
        {score: 0.1, events: 1, trials: 4},
        {score: 0.3, events: 2, trials: 3}
      ])
    ).toBeCloseTo(8.5 / 12, 12);
  });

  it("equals the pairwise count, also with tied scores split over groups", () => {
    const groups: ScoredGroup[] = [
      {score: 0.2, events: 3, trials: 10},
      {score: 0.05, events: 1, trials: 12},
      {score: 0.2, events: 2, trials: 4},
      {score: 0.5, events: 4, trials: 6},
      {score: 0.35, events: 0, trials: 5}
    ];
    expect(cStatistic(groups)).toBeCloseTo(byPairs(groups), 12);
  });

  it("is 1 for a perfect score, 0.5 for a constant one, NaN without cases", () => {
    expect(
      cStatistic([
        {score: 1, events: 5, trials: 5},
        {score: 0, events: 0, trials: 7}
      ])
    ).toBe(1);
    expect(cStatistic([{score: 0.3, events: 2, trials: 9}])).toBe(0.5);
    expect(cStatistic([{score: 0.3, events: 0, trials: 9}])).toBeNaN();
  });

  it("rejects bad input", () => {
    expect(() => cStatistic([])).toThrow(/non-empty/);
    expect(() => cStatistic([{score: NaN, events: 0, trials: 1}])).toThrow(/groups\[0\]\.score/);
    expect(() => cStatistic([{score: 0, events: 2, trials: 1}])).toThrow(/groups\[0\]\.events/);
  });
});
