// Tests of loaders/risk-bands.ts: the risk groups a scheme type's effect is split into.
import {describe, expect, it} from "vitest";
import {bandsOfLabel, riskGroups, type RiskBand} from "../loaders/risk-bands.ts";

const counts =
  (...n: number[]) =>
  (band: RiskBand) =>
    n[band - 1];

describe("riskGroups", () => {
  it("merges bands from the lowest up until each group holds the minimum", () => {
    expect(riskGroups(counts(97, 122, 144, 10, 8), 100).map((g) => g.label)).toEqual(["1-2", "3-5"]);
    expect(riskGroups(counts(200, 150, 100, 120, 300), 100).map((g) => g.label)).toEqual(["1", "2", "3", "4", "5"]);
    expect(riskGroups(counts(0, 0, 7, 128, 290), 100)).toEqual([
      {label: "1-4", from: 1, to: 4},
      {label: "5", from: 5, to: 5}
    ]);
  });
  it("gives one group (no split) when the type has fewer mentees than the minimum, or none", () => {
    expect(riskGroups(counts(10, 20, 30, 10, 5), 100).map((g) => g.label)).toEqual(["1-5"]);
    expect(riskGroups(counts(0, 0, 0, 0, 0), 100).map((g) => g.label)).toEqual(["1-5"]);
  });
  it("covers every band exactly once, in order", () => {
    for (const n of [
      [5, 300, 5, 300, 5],
      [100, 0, 0, 0, 99],
      [1, 1, 1, 1, 400]
    ]) {
      const groups = riskGroups(counts(...n), 100);
      expect(groups.flatMap((g) => bandsOfLabel(g.label))).toEqual([1, 2, 3, 4, 5]);
    }
  });
});

describe("bandsOfLabel", () => {
  it("reads a band or a range and refuses anything else", () => {
    expect(bandsOfLabel("3")).toEqual([3]);
    expect(bandsOfLabel("2-4")).toEqual([2, 3, 4]);
    for (const bad of ["4-2", "0", "6", "low", "1-", ""]) expect(() => bandsOfLabel(bad)).toThrow(/band range/);
  });
});
