// What an attacker holding a published curve file can compute: checks shared by the curve tests.
import {expect} from "vitest";
import {CURVE_BANDS, survivalStart} from "../../loaders/analysis/curve-bands.ts";
import type {CurveBand} from "../../loaders/analysis/types.ts";
import {lifeTable} from "../../loaders/stats/life-table.ts";

const round4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : null);

/**
 * Every published survival, lower and upper equals the life table of the
 * published counts of its curve from its landmark (`survivalStart`) (so it carries no more than they do); no row
 * follows a band with a hidden count, whose row has no curve value; and each
 * band's counts leave exactly the next band's published at_risk (so no hidden
 * at_risk is implied). Returns the number of curve values checked.
 */
export function expectCurvesFromCounts(
  curves: readonly Omit<CurveBand, "programme" | "main_area" | "period">[] | readonly CurveBand[]
) {
  const byCurve = new Map<string, (typeof curves)[number][]>();
  for (const c of curves) {
    const key = JSON.stringify([
      c.set,
      c.group,
      "programme" in c ? [c.programme, c.main_area, c.period] : null,
      c.origin
    ]);
    byCurve.set(key, [...(byCurve.get(key) ?? []), c]);
  }
  let points = 0;
  for (const [key, rows] of byCurve) {
    rows.sort((a, b) => a.time - b.time);
    expect(
      rows.map((r) => r.time),
      key
    ).toEqual(CURVE_BANDS.slice(0, rows.length));
    const hiddenAt = rows.findIndex((r) => r.at_risk === null || r.events === null || r.censored === null);
    // nothing after the first band with a hidden count, and that band has no survival
    if (hiddenAt >= 0) {
      expect(rows.length, key).toBe(hiddenAt + 1);
      expect([rows[hiddenAt].survival, rows[hiddenAt].lower, rows[hiddenAt].upper]).toEqual([null, null, null]);
    }
    const shown = hiddenAt < 0 ? rows : rows.slice(0, hiddenAt);
    // the published counts chain: the next band's at_risk is what the band's counts leave (so a hidden at_risk is never implied)
    for (let i = 0; i + 1 < rows.length; i++) {
      if (i < shown.length)
        expect(rows[i + 1].at_risk, key).toBe(rows[i].at_risk! - rows[i].events! - rows[i].censored!);
    }
    // the survival starts at the curve's landmark (day 42 from the intake, day 0 from the placement): none before it
    const from = shown.findIndex((r) => r.time >= survivalStart(r));
    const lt = lifeTable(
      shown.slice(Math.max(from, 0)).map((r) => ({atRisk: r.at_risk!, events: r.events!, censored: r.censored!}))
    );
    shown.forEach((r, j) => {
      const i = j - from;
      if (r.time_end === null || from < 0 || i < 0) {
        expect([r.survival, r.lower, r.upper]).toEqual([null, null, null]);
        return;
      }
      expect([r.survival, r.lower, r.upper], `${key} band ${r.time}`).toEqual([
        round4(lt[i].survival),
        round4(lt[i].lower),
        round4(lt[i].upper)
      ]);
      points++;
    });
  }
  return points;
}
