import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {logRank, logRankFromTable} from "../../loaders/stats/log-rank.ts";
import {logRankTable} from "../../loaders/stats/survival-table.ts";
import {hasR, noteIfNoR, runR, vec} from "../r/r.ts";
import {AML, expectAllClose, expectClose} from "./helpers.ts";

const amlTime = [...AML.maintained.time, ...AML.nonmaintained.time];
const amlEvent = [...AML.maintained.event, ...AML.nonmaintained.event];
const amlGroup = [...AML.maintained.time.map(() => "Maintained"), ...AML.nonmaintained.time.map(() => "Nonmaintained")];

describe("logRank: AML data", () => {
  const r = logRank(amlTime, amlEvent, amlGroup);
  it("survdiff: Chisq = 3.4 on 1 df, p = 0.0653", () => {
    expect(r.groups).toEqual(["Maintained", "Nonmaintained"]);
    expect(r.df).toBe(1);
    expect(r.chiSquare).toBeCloseTo(3.396, 3);
    expect(r.pValue).toBeCloseTo(0.0653, 4);
    expect(r.observed).toEqual([7, 11]);
    // R survdiff, 15 significant digits
    expectClose(r.chiSquare, 3.3963886989776011, 1e-12);
    expectClose(r.pValue, 0.0653393220405051, 1e-12);
    expectAllClose(r.expected, [10.68933599230072, 7.31066400769928], 1e-13);
    expectClose(r.variance[0][0], 4.00755074593873, 1e-13);
    expectClose(r.variance[0][1], -4.00755074593873, 1e-13);
  });
  it("is invariant to relabelling and reordering of groups", () => {
    const relabelled = logRank(
      amlTime,
      amlEvent,
      amlGroup.map((g) => (g === "Maintained" ? "z" : "a"))
    );
    expectClose(relabelled.chiSquare, r.chiSquare, 1e-12);
    expect(relabelled.groups).toEqual(["a", "z"]);
    expect(relabelled.observed).toEqual([11, 7]);
  });
  it("numeric group labels are sorted numerically", () => {
    const numeric = logRank(
      amlTime,
      amlEvent,
      amlGroup.map((g) => (g === "Maintained" ? 10 : 2))
    );
    expect(numeric.groups).toEqual([2, 10]);
    expectClose(numeric.chiSquare, r.chiSquare, 1e-12);
  });
});

describe("logRank edge cases", () => {
  it("a single group: no test", () => {
    const r = logRank([1, 2, 3], [1, 0, 1], ["a", "a", "a"]);
    expect(r.df).toBe(0);
    expect(r.chiSquare).toBe(0);
    expect(r.pValue).toBeNaN();
  });
  it("no events at all", () => {
    const r = logRank([1, 2, 3], [0, 0, 0], ["a", "b", "a"]);
    expect(r.groups).toEqual(["a", "b"]);
    expect(r.observed).toEqual([0, 0]);
    expect(r.expected).toEqual([0, 0]);
    expect(r.df).toBe(0);
    expect(r.pValue).toBeNaN();
  });
  it("a group that leaves the risk set before the first event is dropped from the test (E = 0), as survdiff", () => {
    const r = logRank([1, 1, 5, 6, 7, 8, 9], [0, 0, 1, 0, 1, 1, 0], ["c", "c", "a", "a", "b", "b", "a"]);
    expect(r.groups).toEqual(["a", "b", "c"]);
    expect(r.expected[2]).toBe(0);
    expect(r.df).toBe(1);
  });
  it("validates its inputs", () => {
    expect(() => logRank([1, 2], [1, 0], ["a"])).toThrow(RangeError);
    expect(() => logRank([1, 2], [1, 3 as 1], ["a", "b"])).toThrow(RangeError);
    expect(() => logRank([1, Infinity], [1, 0], ["a", "b"])).toThrow(RangeError);
    expect(() => logRank([1, 2], [1, 0], ["a", null as unknown as string])).toThrow(RangeError);
    expect(() => logRankFromTable([{grp: "a", time: 1, at_risk: 1, events: 2}])).toThrow(RangeError);
    expect(() =>
      logRankFromTable([
        {grp: "a", time: 1, at_risk: 2, events: 1},
        {grp: "b", time: 1, at_risk: 2, events: 0},
        {grp: "a", time: 2, at_risk: 1, events: 1}
      ])
    ).toThrow(/missing row/);
  });
});

describe("logRank properties", () => {
  const data = fc
    .array(fc.tuple(fc.integer({min: 1, max: 25}), fc.boolean(), fc.constantFrom("a", "b", "c")), {
      minLength: 2,
      maxLength: 90
    })
    .map((rows) => ({time: rows.map((r) => r[0]), event: rows.map((r) => r[1]), group: rows.map((r) => r[2])}));
  it("ΣO = ΣE, chi-square ≥ 0, p in [0, 1], df ≤ k − 1, and it equals logRankFromTable(logRankTable)", () => {
    fc.assert(
      fc.property(data, ({time, event, group}) => {
        const r = logRank(time, event, group);
        const sumO = r.observed.reduce((a, b) => a + b, 0);
        const sumE = r.expected.reduce((a, b) => a + b, 0);
        expectClose(sumE, sumO, 1e-12, 1e-12);
        expect(r.chiSquare).toBeGreaterThanOrEqual(0);
        expect(r.df).toBeLessThanOrEqual(r.groups.length - 1);
        if (r.df > 0) expect(r.pValue >= 0 && r.pValue <= 1).toBe(true);
        // The variance matrix has zero row sums.
        r.variance.forEach((row) =>
          expectClose(
            row.reduce((a, b) => a + b, 0),
            0,
            0,
            1e-9
          )
        );
        expect(logRankFromTable(logRankTable(time, event, group), {groups: r.groups})).toEqual(r);
      })
    );
  });
  it("two groups: chi-square equals (O₁ − E₁)² / V₁₁", () => {
    fc.assert(
      fc.property(data, ({time, event, group}) => {
        const g = group.map((x) => (x === "c" ? "a" : x));
        const r = logRank(time, event, g);
        if (r.df === 1 && r.groups.length === 2) {
          const expected = (r.observed[1] - r.expected[1]) ** 2 / r.variance[1][1];
          expectClose(r.chiSquare, expected, 1e-9, 1e-12);
        }
      })
    );
  });
});

noteIfNoR("AML survdiff");
describe.skipIf(!hasR)("logRank vs R survdiff on the AML data", () => {
  it("chisq, p, observed, expected and var (1e-9)", () => {
    const r = runR(`s <- survdiff(Surv(time, status) ~ x, data = aml)
emit(list(chisq = s$chisq, p = pchisq(s$chisq, 1, lower.tail = FALSE), obs = s$obs, exp = s$exp, var = as.vector(s$var)))`);
    const ours = logRank(amlTime, amlEvent, amlGroup);
    expectClose(ours.chiSquare, vec(r, "chisq")[0], 1e-9);
    expectClose(ours.pValue, vec(r, "p")[0], 1e-9);
    expect(ours.observed).toEqual(vec(r, "obs"));
    expectAllClose(ours.expected, vec(r, "exp"), 1e-9);
    expectAllClose(ours.variance.flat(), vec(r, "var"), 1e-9);
  });
});
