import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {kaplanMeier} from "../../loaders/stats/kaplan-meier.ts";
import {lifeTable} from "../../loaders/stats/life-table.ts";
import {hasRPackage, runR, vec} from "../r/r.ts";
import {expectAllClose, expectClose, round} from "./helpers.ts";

/**
 * Lee ET, Wang JW (2003). Statistical Methods for Survival Data Analysis, 3rd
 * ed., Table 4.2 (Lee 1992, Table 4.4): 2418 males with angina pectoris,
 * yearly intervals 0–1, 1–2, …, 15+; also the worked example "Life-table
 * estimates for males with angina pectoris" of SAS/STAT PROC LIFETEST
 * (METHOD=LT). Published survival at the start of each interval (4 decimals):
 * 1.0000 0.8114 0.7170 0.6524 0.5786 0.5193 0.4611 0.4172 0.3712 0.3342
 * 0.2987 0.2557 0.2136 0.1839 0.1636 0.1429, with Greenwood standard errors
 * 0 0.00796 0.00918 ….
 */
const ANGINA = {
  events: [456, 226, 152, 171, 135, 125, 83, 74, 51, 42, 43, 34, 18, 9, 6, 0],
  censored: [0, 39, 22, 23, 24, 107, 133, 102, 68, 64, 45, 53, 33, 27, 23, 30],
  survivalAtStart: [
    1, 0.8114, 0.717, 0.6524, 0.5786, 0.5193, 0.4611, 0.4172, 0.3712, 0.3342, 0.2987, 0.2557, 0.2136, 0.1839, 0.1636,
    0.1429
  ],
  stdErrAtStart: [0, 0.00796, 0.00918]
};
const anginaRows = () => {
  let n = 2418;
  return ANGINA.events.map((d, i) => {
    const row = {atRisk: n, events: d, censored: ANGINA.censored[i]};
    n -= d + ANGINA.censored[i];
    return row;
  });
};

/** KMsurv::lifetab (Klein & Moeschberger 2003, §5.4), transcribed: surv and se.surv at the START of each interval. */
function kmsurvLifetab(ninit: number, nlost: number[], nevent: number[]) {
  const Ypj = [ninit];
  for (let j = 1; j < nevent.length; j++) Ypj.push(Ypj[j - 1] - nlost[j - 1] - nevent[j - 1]);
  const Yj = Ypj.map((y, j) => y - nlost[j] / 2);
  const surv: number[] = [1];
  const se: number[] = [0];
  let s = 1;
  let g = 0;
  for (let j = 0; j < Yj.length - 1; j++) {
    s *= 1 - nevent[j] / Yj[j];
    g += nevent[j] / Yj[j] / (Yj[j] - nevent[j]);
    surv.push(s);
    se.push(s * Math.sqrt(g));
  }
  return {surv, se};
}

describe("lifeTable: angina pectoris (Lee & Wang 2003, Table 4.2)", () => {
  const lt = lifeTable(anginaRows());
  it("effective numbers at risk n' = n − c/2", () => {
    expect(lt.slice(0, 3).map((r) => r.effective)).toEqual([2418, 1942.5, 1686]);
    expect(lt[15].effective).toBe(15);
  });
  it("reproduces the published survival (to 4 decimals) and standard errors (to 5)", () => {
    // row i holds S at the END of interval i = the published S at the start of interval i + 1
    expect(lt.slice(0, 15).map((r) => round(r.survival, 4))).toEqual(ANGINA.survivalAtStart.slice(1));
    expect(lt.slice(0, 2).map((r) => round(r.stdErr, 5))).toEqual(ANGINA.stdErrAtStart.slice(1));
    expectClose(lt[0].survival, 1 - 456 / 2418, 1e-15);
    expectClose(lt[1].survival, (1 - 456 / 2418) * (1 - 226 / 1942.5), 1e-15);
  });
  it("equals KMsurv::lifetab's formulas, shifted by one interval", () => {
    const ref = kmsurvLifetab(2418, ANGINA.censored, ANGINA.events);
    expectAllClose(
      lt.slice(0, 15).map((r) => r.survival),
      ref.surv.slice(1),
      1e-13
    );
    expectAllClose(
      lt.slice(0, 15).map((r) => r.stdErr),
      ref.se.slice(1),
      1e-12
    );
  });
  it("log limits are S·exp(∓ z σ)", () => {
    const z = 1.959963984540054;
    const sigma = lt[3].stdErr / lt[3].survival;
    expectClose(lt[3].lower, lt[3].survival * Math.exp(-z * sigma), 1e-13);
    expectClose(lt[3].upper, lt[3].survival * Math.exp(z * sigma), 1e-13);
    const plain = lifeTable(anginaRows(), {conf: "plain"});
    expectClose(plain[3].lower, lt[3].survival - z * lt[3].stdErr, 1e-13);
  });
});

describe("lifeTable edge cases", () => {
  it("events in the first interval (time 0) lower the first row", () => {
    const lt = lifeTable([
      {atRisk: 10, events: 2, censored: 0},
      {atRisk: 8, events: 0, censored: 8}
    ]);
    expect(lt[0].survival).toBe(0.8);
    expect(lt[1].survival).toBe(0.8);
  });
  it("without censoring it is Kaplan–Meier at the interval ends", () => {
    const time = [0, 0, 1, 3, 3, 5, 8, 9, 9, 9];
    const km = kaplanMeier(
      time,
      time.map(() => 1)
    );
    const bands = [0, 1, 4, 9];
    const rows = bands.map((b, i) => {
      const end = bands[i + 1] ?? Infinity;
      return {
        atRisk: time.filter((t) => t >= b).length,
        events: time.filter((t) => t >= b && t < end).length,
        censored: 0
      };
    });
    const lt = lifeTable(rows);
    const kmAt = (t: number) => km.filter((r) => r.time < t).at(-1)!.survival;
    expectAllClose(
      lt.slice(0, 3).map((r) => r.survival),
      [kmAt(1), kmAt(4), kmAt(9)],
      1e-15
    );
    expect(lt[3].survival).toBe(0);
    expect(lt[3].stdErr).toBeNaN();
  });
  it("all censored: S = 1 with [1, 1]", () => {
    const lt = lifeTable([{atRisk: 4, events: 0, censored: 4}]);
    expect(lt[0]).toMatchObject({survival: 1, stdErr: 0, lower: 1, upper: 1});
  });
  it("rejects bad counts", () => {
    expect(() => lifeTable([{atRisk: 3, events: 2, censored: 2}])).toThrow(RangeError);
    expect(() => lifeTable([{atRisk: 3, events: -1, censored: 0}])).toThrow(RangeError);
    expect(() => lifeTable([{atRisk: 3.5, events: 1, censored: 0}])).toThrow(RangeError);
    expect(() => lifeTable([{atRisk: 3, events: 1, censored: 0}], {level: 1})).toThrow(RangeError);
  });
  it("is monotone and its limits bracket S (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(30), fc.nat(30), fc.nat(30)), {minLength: 1, maxLength: 12}), (parts) => {
        let n = parts.reduce((a, [d, c, r]) => a + d + c + r, 0) + 1;
        const rows = parts.map(([d, c]) => {
          const row = {atRisk: n, events: Math.min(d, n), censored: Math.min(c, n - Math.min(d, n))};
          n -= row.events + row.censored;
          return row;
        });
        const lt = lifeTable(rows);
        for (let i = 0; i < lt.length; i++) {
          if (i > 0) expect(lt[i].survival).toBeLessThanOrEqual(lt[i - 1].survival);
          if (lt[i].survival > 0) {
            expect(lt[i].lower).toBeLessThanOrEqual(lt[i].survival + 1e-15);
            expect(lt[i].upper).toBeGreaterThanOrEqual(lt[i].survival - 1e-15);
          }
        }
      })
    );
  });
});

const hasKMsurv = hasRPackage("KMsurv");
describe.skipIf(!hasKMsurv)("lifeTable vs R KMsurv::lifetab", () => {
  it("matches surv and se.surv (shifted by one interval)", () => {
    const r = runR(`suppressPackageStartupMessages(library(KMsurv))
      lt <- lifetab(c(0:15, NA), 2418, c(${ANGINA.censored.join(",")}), c(${ANGINA.events.join(",")}))
      emit(list(surv = lt$surv, se = lt$se.surv))`);
    const lt = lifeTable(anginaRows());
    expectAllClose(
      lt.slice(0, 15).map((x) => x.survival),
      vec(r, "surv").slice(1),
      1e-12
    );
    expectAllClose(
      lt.slice(0, 15).map((x) => x.stdErr),
      vec(r, "se").slice(1),
      1e-10
    );
  });
});
