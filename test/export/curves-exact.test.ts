// The export's survival curves against the exact Kaplan-Meier curve of the daily table, for small and
// large groups of single-programme and single-institution cohorts of a synthetic warehouse: at 1, 2 and
// 5 years the published value is within the stated bound (WIDE_STEP) of the exact one, or the interval
// holding that day is flagged wide_step; no row with dropouts ends after its last dropout.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {retentionCurves} from "../../loaders/analysis/transitions.ts";
import {dailyCounts, stepDeviation, WIDE_STEP} from "../../loaders/export/coarsen.ts";
import {parseCohort} from "../../loaders/export/cohort-args.ts";
import {publishableCurve} from "../../loaders/export/tables.ts";
import {openWarehouse, type Warehouse} from "../../loaders/warehouse.ts";
import {makeWarehouse, type TestWarehouse} from "./helpers.ts";

const COHORTS = [
  "years=2015-2019;programme=EUD",
  "years=2015-2019;programme=EUX",
  "institution=I02",
  "institution=I06",
  "institution=I08"
];
const DAYS = [365, 730, 1826];
const K = 5;

let wh: TestWarehouse;
let w: Warehouse;

beforeAll(async () => {
  wh = await makeWarehouse(30_000, 4);
  w = await openWarehouse(wh.db);
}, 120_000);

afterAll(() => {
  w?.close();
  wh?.cleanup();
});

describe("published survival curves vs the exact Kaplan-Meier curve", () => {
  it("at 1, 2 and 5 years within the bound or flagged; rows end at their last dropout; the estimate follows from the counts", async () => {
    const sizes: number[] = [];
    let flaggedDays = 0;
    for (const cohort of COHORTS) {
      const curves = (await retentionCurves(w.connection, parseCohort(cohort).filters)).curves.filter(
        (c) => c.programme === "all" && c.main_area === "all" && c.period === "all"
      );
      const groups = new Map<string, typeof curves>();
      for (const c of curves) groups.set(`${c.set}|${c.group}`, [...(groups.get(`${c.set}|${c.group}`) ?? []), c]);
      for (const [group, list] of groups) {
        const daily = dailyCounts(list);
        const rows = publishableCurve(daily, K);
        if (rows === null) continue;
        const where = `${cohort} ${group}`;
        sizes.push(daily[0].at_risk);
        // the estimate is the product of the published counts
        let s = 1;
        for (const r of rows) expect(r.survival, where).toBeCloseTo((s *= 1 - r.events / r.at_risk), 12);
        // a row with dropouts ends on a day with dropouts, and holds every dropout since the row before
        rows.forEach((r, i) => {
          const prev = i === 0 ? -Infinity : rows[i - 1].time;
          const between = daily.filter((d) => d.time > prev && d.time <= r.time).reduce((n, d) => n + d.events, 0);
          expect(between, `${where} row ${r.time}`).toBe(r.events);
          if (r.events > 0)
            expect(daily.find((d) => d.time === r.time)?.events ?? 0, `${where} row ${r.time}`).toBeGreaterThan(0);
          // wide_step: the drop from the row before, from the published values only
          expect(r.wide_step, `${where} row ${r.time}`).toBe(
            (i === 0 ? 1 : rows[i - 1].survival!) - r.survival! > WIDE_STEP
          );
        });
        expect(rows.reduce((n, r) => n + r.events, 0)).toBe(daily.reduce((n, d) => n + d.events, 0));
        // at 1, 2 and 5 years: within the bound, or in a flagged interval (after the last row: the last row's)
        const {at} = stepDeviation(
          daily,
          rows.map((r) => ({time: r.time, survival: r.survival!})),
          DAYS
        );
        DAYS.forEach((day, j) => {
          const holding = rows.find((r) => r.time >= day) ?? rows[rows.length - 1];
          if (holding.wide_step) flaggedDays++;
          else expect(at[j], `${where} day ${day}`).toBeLessThanOrEqual(WIDE_STEP);
        });
      }
    }
    // the cohorts hold small groups (20–60 people) and large ones, and some days fall in flagged intervals
    expect(sizes.filter((n) => n >= 20 && n <= 60).length).toBeGreaterThanOrEqual(4);
    expect(sizes.filter((n) => n >= 500).length).toBeGreaterThanOrEqual(4);
    expect(flaggedDays).toBeGreaterThan(0);
  }, 60_000);
});
