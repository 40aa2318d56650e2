import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {
  kaplanMeier,
  kaplanMeierByGroup,
  kaplanMeierFromTable,
  type ConfType
} from "../../loaders/stats/kaplan-meier.ts";
import {survivalTable} from "../../loaders/stats/survival-table.ts";
import {hasR, noteIfNoR, runR, vec} from "../r/r.ts";
import {AML, expectAllClose, expectClose, round} from "./helpers.ts";

describe("kaplanMeier: AML maintained group (R survival::aml)", () => {
  const km = kaplanMeier(AML.maintained.time, AML.maintained.event);
  it("has one row per distinct time with risk-set counts", () => {
    expect(km.map((r) => r.time)).toEqual([9, 13, 18, 23, 28, 31, 34, 45, 48, 161]);
    expect(km.map((r) => r.atRisk)).toEqual([11, 10, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(km.map((r) => r.events)).toEqual([1, 1, 1, 1, 0, 1, 1, 0, 1, 0]);
    expect(km.map((r) => r.censored)).toEqual([0, 1, 0, 0, 1, 0, 0, 1, 0, 1]);
  });
  it("reproduces the published survival estimates (Miller 1981; R survfit)", () => {
    // S(9)=0.9091, S(13)=0.8182, S(18)=0.7159, S(23)=0.6136, S(31)=0.4909, S(34)=0.3682, S(48)=0.1841
    expect(km.map((r) => round(r.survival, 4))).toEqual([
      0.9091, 0.8182, 0.7159, 0.6136, 0.6136, 0.4909, 0.3682, 0.3682, 0.1841, 0.1841
    ]);
    expectClose(km[0].survival, 10 / 11, 1e-15);
    expectClose(km[1].survival, (10 / 11) * (9 / 10), 1e-15);
  });
  it("Greenwood standard errors and log intervals (R survfit defaults, hard-coded)", () => {
    expectAllClose(
      km.map((r) => r.stdErr),
      [
        0.0866784172, 0.1162912998, 0.1396649706, 0.152632331, 0.152632331, 0.1641932672, 0.1626688858, 0.1626688858,
        0.1534927458, 0.1534927458
      ],
      1e-9
    );
    expectAllClose(
      km.map((r) => r.lower),
      [
        0.75413384508, 0.6192489874, 0.48842628742, 0.3768670595, 0.3768670595, 0.2548599512, 0.1548771179,
        0.1548771179, 0.03591789849, 0.03591789849
      ],
      1e-9
    );
    expectAllClose(
      km.map((r) => r.upper),
      [1, 1, 1, 0.9991576002, 0.9991576002, 0.9455849552, 0.8752606781, 0.8752606781, 0.9435257695, 0.9435257695],
      1e-9
    );
  });
  it("log-log and plain intervals (R survfit conf.type, hard-coded)", () => {
    const ll = kaplanMeier(AML.maintained.time, AML.maintained.event, {conf: "log-log"});
    expectAllClose(
      ll.slice(0, 4).map((r) => r.lower),
      [0.50808020577, 0.44742861468, 0.35019038591, 0.26575204],
      1e-9
    );
    expectAllClose(
      ll.slice(0, 4).map((r) => r.upper),
      [0.9866738227, 0.9511622286, 0.8990239742, 0.8352992433],
      1e-9
    );
    const pl = kaplanMeier(AML.maintained.time, AML.maintained.event, {conf: "plain"});
    expectAllClose(
      pl.slice(0, 4).map((r) => r.lower),
      [0.73920433313, 0.5902550588, 0.44217077872, 0.31448249195],
      1e-9
    );
    expectAllClose(
      pl.slice(0, 4).map((r) => r.upper),
      [1, 1, 0.9896474031, 0.9127902353],
      1e-9
    );
    expect(pl[8].lower).toBe(0); // clipped at 0
  });
});

describe("kaplanMeier edge cases", () => {
  it("empty input", () => {
    expect(kaplanMeier([], [])).toEqual([]);
  });
  it("all censored: S = 1, SE 0, log interval [1, 1], log-log undefined (as R)", () => {
    const km = kaplanMeier([3, 1, 2, 2], [0, 0, false, false]);
    expect(km.map((r) => r.survival)).toEqual([1, 1, 1]);
    expect(km.map((r) => r.stdErr)).toEqual([0, 0, 0]);
    expect(km.every((r) => r.lower === 1 && r.upper === 1)).toBe(true);
    const ll = kaplanMeier([3, 1, 2], [0, 0, 0], {conf: "log-log"});
    expect(ll.every((r) => Number.isNaN(r.lower) && Number.isNaN(r.upper))).toBe(true);
  });
  it("single observation", () => {
    const e = kaplanMeier([5], [true]);
    expect(e).toHaveLength(1);
    expect(e[0].survival).toBe(0);
    expect(e[0].stdErr).toBeNaN();
    expect(e[0].lower).toBeNaN();
    expect(e[0].upper).toBeNaN();
    const c = kaplanMeier([5], [false]);
    expect(c[0]).toMatchObject({
      time: 5,
      atRisk: 1,
      events: 0,
      censored: 1,
      survival: 1,
      stdErr: 0,
      lower: 1,
      upper: 1
    });
  });
  it("ties between events and censorings: censored subjects are at risk at their time", () => {
    const km = kaplanMeier([2, 2, 2, 3], [1, 0, 1, 1]);
    expect(km[0]).toMatchObject({time: 2, atRisk: 4, events: 2, censored: 1, survival: 0.5});
    expect(km[1]).toMatchObject({time: 3, atRisk: 1, events: 1, survival: 0});
    expect(km[1].stdErr).toBeNaN(); // S = 0
  });
  it("S = 0 rows are NaN for every conf type (R: NA)", () => {
    for (const conf of ["log", "log-log", "plain"] as ConfType[]) {
      const km = kaplanMeier([1, 2], [1, 1], {conf});
      expect(Number.isNaN(km[1].lower) && Number.isNaN(km[1].upper)).toBe(true);
    }
  });
  it("validates its inputs", () => {
    expect(() => kaplanMeier([1, 2], [1])).toThrow(RangeError);
    expect(() => kaplanMeier([1, NaN], [1, 0])).toThrow(RangeError);
    expect(() => kaplanMeier([1, 2], [1, 2 as 1])).toThrow(RangeError);
    expect(() => kaplanMeier([1, 2], [1, 0], {level: 1})).toThrow(RangeError);
    expect(() => kaplanMeier([1, 2], [1, 0], {conf: "arcsin" as ConfType})).toThrow(RangeError);
    expect(() => kaplanMeierFromTable([{time: 1, at_risk: 1, events: 1, censored: 1}])).toThrow(RangeError);
    expect(() =>
      kaplanMeierFromTable([
        {time: 1, at_risk: 3, events: 1, censored: 0},
        {time: 1, at_risk: 2, events: 1, censored: 0}
      ])
    ).toThrow(RangeError);
  });
  it("kaplanMeierFromTable accepts BIGINT-like strings and unsorted rows", () => {
    const table = survivalTable(AML.maintained.time, AML.maintained.event);
    const stringly = table
      .map((r) => ({time: String(r.time), at_risk: String(r.at_risk), events: BigInt(r.events), censored: r.censored}))
      .reverse();
    expect(kaplanMeierFromTable(stringly)).toEqual(kaplanMeier(AML.maintained.time, AML.maintained.event));
  });
  it("kaplanMeierByGroup splits a grouped table", () => {
    const rows = [
      ...survivalTable(AML.maintained.time, AML.maintained.event).map((r) => ({x: "M", ...r})),
      ...survivalTable(AML.nonmaintained.time, AML.nonmaintained.event).map((r) => ({x: "N", ...r}))
    ];
    const parts = kaplanMeierByGroup(rows, ["x"]);
    expect(parts.map((p) => p.group)).toEqual([{x: "M"}, {x: "N"}]);
    expect(parts[1].rows).toEqual(kaplanMeier(AML.nonmaintained.time, AML.nonmaintained.event));
  });
});

describe("kaplanMeier properties", () => {
  const data = fc
    .array(fc.tuple(fc.integer({min: 0, max: 30}), fc.boolean()), {minLength: 1, maxLength: 80})
    .map((pairs) => ({time: pairs.map((p) => p[0]), event: pairs.map((p) => p[1])}));
  it("S is non-increasing, within [0, 1], intervals contain S, and counts add up", () => {
    fc.assert(
      fc.property(data, fc.constantFrom<ConfType>("log", "log-log", "plain"), ({time, event}, conf) => {
        const km = kaplanMeier(time, event, {conf});
        expect(km.reduce((s, r) => s + r.events + r.censored, 0)).toBe(time.length);
        expect(km[0].atRisk).toBe(time.length);
        km.forEach((r, i) => {
          expect(r.survival >= 0 && r.survival <= 1).toBe(true);
          if (i > 0) {
            expect(r.survival).toBeLessThanOrEqual(km[i - 1].survival);
            expect(r.time).toBeGreaterThan(km[i - 1].time);
            expect(r.atRisk).toBe(km[i - 1].atRisk - km[i - 1].events - km[i - 1].censored);
          }
          if (!Number.isNaN(r.lower)) {
            expect(0 <= r.lower && r.lower <= r.survival + 1e-15 && r.survival <= r.upper + 1e-15 && r.upper <= 1).toBe(
              true
            );
          }
        });
      })
    );
  });
  it("is invariant to the order of the observations", () => {
    fc.assert(
      fc.property(data, ({time, event}) => {
        const idx = time.map((_, i) => i).reverse();
        expect(
          kaplanMeier(
            idx.map((i) => time[i]),
            idx.map((i) => event[i])
          )
        ).toEqual(kaplanMeier(time, event));
      })
    );
  });
});

noteIfNoR("AML survfit");
describe.skipIf(!hasR)("kaplanMeier vs R survfit on the AML data", () => {
  it("matches survival, std.err, lower and upper for all three conf types (1e-9)", () => {
    const r = runR(`
out <- list()
for (g in c("Maintained", "Nonmaintained")) for (ct in c("log", "log-log", "plain")) {
  f <- survfit(Surv(time, status) ~ 1, data = aml[aml$x == g, ], conf.type = ct)
  out[[paste(g, ct, sep = "_")]] <- list(time = f$time, surv = f$surv, se = f$std.err * f$surv, lower = f$lower, upper = f$upper, n = f$n.risk)
}
emit(out)`);
    for (const [g, data] of [
      ["Maintained", AML.maintained],
      ["Nonmaintained", AML.nonmaintained]
    ] as const) {
      for (const conf of ["log", "log-log", "plain"] as ConfType[]) {
        const expected = r[`${g}_${conf}`] as Record<string, number[]>;
        const km = kaplanMeier(data.time, data.event, {conf});
        const label = `${g} ${conf}`;
        expect(km.map((x) => x.time)).toEqual(vec(expected, "time"));
        expect(km.map((x) => x.atRisk)).toEqual(vec(expected, "n"));
        expectAllClose(
          km.map((x) => x.survival),
          vec(expected, "surv"),
          1e-9,
          1e-15,
          `${label} surv`
        );
        expectAllClose(
          km.map((x) => x.stdErr),
          vec(expected, "se"),
          1e-9,
          1e-15,
          `${label} se`
        );
        expectAllClose(
          km.map((x) => x.lower),
          vec(expected, "lower"),
          1e-9,
          1e-15,
          `${label} lower`
        );
        expectAllClose(
          km.map((x) => x.upper),
          vec(expected, "upper"),
          1e-9,
          1e-15,
          `${label} upper`
        );
      }
    }
  });
});
