// Life-table retention curves of the site: band counts in DuckDB (hand-made warehouse), the counts gate,
// and curves computed from the published counts only (day-0 dropouts, stop at a hidden count, no inversion).
import fc from "fast-check";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {DuckDBConnection} from "@duckdb/node-api";
import {
  CURVE_BANDS,
  CURVE_LANDMARK_DAYS,
  curveCellDims,
  curveCountsSpec,
  type CurveBandCounts
} from "../../loaders/analysis/curve-bands.ts";
import {prepareBase} from "../../loaders/analysis/sql/base.ts";
import {curveLogRank, lifeTableCounts, lifeTableCurves} from "../../loaders/analysis/transitions.ts";
import {publish, PublicationRegistry} from "../../loaders/privacy/index.ts";
import {query} from "../../loaders/warehouse.ts";
import {expectCurvesFromCounts} from "./curve-checks.ts";
import {fixtureDb} from "./fixture.ts";

let con: DuckDBConnection;
let close: () => void;
beforeAll(async () => {
  ({con, close} = await fixtureDb());
  // a dropout on the intake day (day 0)
  await con.run(`UPDATE enrolments SET outcome_date = intake_date WHERE enrolment_id = 'E09'`);
});
afterAll(() => close());

describe("lifeTableCounts (DuckDB)", () => {
  it("counts at risk, dropouts and censorings per band, as a recount of the per-enrolment times", async () => {
    const counts = await lifeTableCounts(con);
    const base = await prepareBase(con);
    const obs = await query<{with_mentor: boolean; time: number; dropped: boolean}>(
      con,
      `SELECT mentor_intake AS with_mentor, coalesce(drop_day, follow_days) AS time, dropped FROM ${base.enrol}`
    );
    for (const group of ["with", "without"]) {
      const mine = obs.filter((o) => o.with_mentor === (group === "with"));
      const rows = counts.filter((r) => r.set === "mentor" && r.group === group && r.programme === "all");
      const want = CURVE_BANDS.map((b, i) => {
        const end = CURVE_BANDS[i + 1] ?? Infinity;
        const inBand = mine.filter((o) => o.time >= b && o.time < end);
        return {
          time: b,
          time_end: CURVE_BANDS[i + 1] ?? null,
          at_risk: mine.filter((o) => o.time >= b).length,
          events: inBand.filter((o) => o.dropped).length,
          censored: inBand.filter((o) => !o.dropped).length
        };
      }).filter((r) => r.at_risk > 0);
      expect(
        rows.map(({time, time_end, at_risk, events, censored}) => ({time, time_end, at_risk, events, censored})),
        group
      ).toEqual(want);
    }
    // the day-0 dropout (10th form) is an event of the first band [0, 42), with the FGU dropouts
    const preparatory = counts.filter((r) => r.set === "mentor" && r.programme === "preparatory");
    expect(preparatory[0]).toMatchObject({time: 0, time_end: 42, at_risk: 3});
    const day0 = await query<{n: number}>(
      con,
      `SELECT CAST(count(*) AS INTEGER) AS n FROM ${base.enrol} WHERE drop_day = 0`
    );
    expect(day0[0].n).toBe(1);
    expect(counts.filter((r) => r.set === "workplace").every((r) => r.origin === "placement")).toBe(true);
    expect(counts.filter((r) => r.set !== "workplace").every((r) => r.origin === "intake")).toBe(true);
  });
});

/** A curve's band counts from (time, dropped) pairs. */
function bands(obs: [number, boolean][], id: Partial<CurveBandCounts> = {}): CurveBandCounts[] {
  return CURVE_BANDS.map((b, i) => {
    const end = CURVE_BANDS[i + 1] ?? Infinity;
    const inBand = obs.filter(([t]) => t >= b && t < end);
    // a curve from the placement: its survival starts at day 0 (the curves from the intake start at the landmark: below)
    return {
      set: "workplace" as const,
      group: "workplace",
      programme: "all" as const,
      main_area: "all",
      period: "all",
      origin: "placement" as const,
      time: b,
      time_end: CURVE_BANDS[i + 1] ?? null,
      at_risk: obs.filter(([t]) => t >= b).length,
      events: inBand.filter(([, d]) => d).length,
      censored: inBand.filter(([, d]) => !d).length,
      ...id
    };
  }).filter((r) => r.at_risk > 0);
}
const many = (n: number, time: number, dropped: boolean) =>
  Array.from({length: n}, () => [time, dropped] as [number, boolean]);

describe("lifeTableCurves", () => {
  it("lets dropouts on day 0 lower the first point, counted with the first weeks", () => {
    const obs = [...many(10, 0, true), ...many(40, 10, true), ...many(20, 60, true), ...many(30, 3000, false)];
    const curves = lifeTableCurves(publish(bands(obs), curveCountsSpec("c")));
    expect(curves[0]).toMatchObject({time: 0, time_end: 42, at_risk: 100, events: 50, censored: 0, survival: 0.5});
    expect(curves[1]).toMatchObject({time: 42, time_end: 91, at_risk: 50, events: 20, survival: 0.3});
    expectCurvesFromCounts(curves);
  });

  it("starts the survival of a curve from the intake at the landmark (day 42): S = 1 there, the first band keeps its counts", () => {
    // half of the group drops out in the first weeks (before most mentors come): the curve from the landmark does not show it
    const obs = [...many(50, 10, true), ...many(10, 60, true), ...many(40, 3000, false)];
    const curves = lifeTableCurves(
      publish(bands(obs, {set: "mentor", group: "with", origin: "intake"}), curveCountsSpec("c"))
    );
    expect(CURVE_LANDMARK_DAYS).toBe(42);
    expect(curves[0]).toMatchObject({
      time: 0,
      time_end: 42,
      at_risk: 100,
      events: 50,
      censored: 0,
      survival: null,
      lower: null,
      upper: null
    });
    expect(curves[1]).toMatchObject({time: 42, time_end: 91, at_risk: 50, events: 10, survival: 0.8});
    expectCurvesFromCounts(curves);
    // the log-rank test compares the curves as drawn: from the landmark (the first-weeks dropouts do not enter it)
    const other = lifeTableCurves(
      publish(
        bands([...many(5, 10, true), ...many(10, 60, true), ...many(85, 3000, false)], {
          set: "mentor",
          group: "without",
          origin: "intake"
        }),
        curveCountsSpec("d")
      )
    );
    const [test] = curveLogRank([...curves, ...other]);
    const same = curveLogRank([
      ...lifeTableCurves(
        publish(
          bands([...many(10, 60, true), ...many(40, 3000, false)], {set: "mentor", group: "with", origin: "intake"}),
          curveCountsSpec("e")
        )
      ),
      ...other
    ]);
    expect(test.chi_square).toBeCloseTo(same[0].chi_square!, 10);
  });

  it("stops at the first band with a hidden count and publishes nothing after it", () => {
    // 3 dropouts in band [91, 182): hidden; later bands not published
    const obs = [...many(20, 50, true), ...many(3, 100, true), ...many(30, 400, true), ...many(47, 3000, false)];
    const curves = lifeTableCurves(publish(bands(obs), curveCountsSpec("c")));
    expect(curves.map((c) => c.time)).toEqual([0, 42, 91]);
    expect(curves[2]).toMatchObject({
      at_risk: 80,
      events: null,
      censored: null,
      survival: null,
      lower: null,
      upper: null
    });
    expect(curves[2].suppressed).toEqual(["censored", "events", "lower", "survival", "upper"]);
    expect(expectCurvesFromCounts(curves)).toBe(2);
  });

  it("stops where the next band's at_risk is hidden, withholding the counts that would give it away", () => {
    // 4 left after band [730, 1095): band 730 counts (≥ 5, complements ≥ 5) would imply at_risk 4 at 1095
    const obs = [...many(50, 800, true), ...many(46, 900, false), ...many(4, 2000, false)];
    const gated = publish(bands(obs), curveCountsSpec("c"));
    expect(gated.find((r) => r.time === 730)).toMatchObject({at_risk: 100, events: 50, censored: 46});
    expect(gated.find((r) => r.time === 1095)!.at_risk).toBeNull();
    const curves = lifeTableCurves(gated);
    expect(curves.at(-1)).toMatchObject({time: 730, at_risk: 100, events: null, censored: null, survival: null});
    expectCurvesFromCounts(curves);
  });

  it("publishes counts but no survival for the open last band", () => {
    const obs = [...many(10, 5, true), ...many(10, 2600, true), ...many(10, 2700, false)];
    const curves = lifeTableCurves(publish(bands(obs), curveCountsSpec("c")));
    expect(curves.at(-1)).toMatchObject({
      time: 2557,
      time_end: null,
      at_risk: 20,
      events: 10,
      censored: 10,
      survival: null
    });
  });

  it("publishes only values recomputable from the published counts, on random curves of nested groups (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({min: 0, max: 3000}), fc.boolean(), fc.boolean()), {minLength: 1, maxLength: 120}),
        (people) => {
          const registry = new PublicationRegistry();
          const rows = [
            ...bands(
              people.filter(([, , m]) => m).map(([t, d]) => [t, d]),
              {group: "with"}
            ),
            ...bands(
              people.filter(([, , m]) => !m).map(([t, d]) => [t, d]),
              {group: "without"}
            )
          ];
          const curves = lifeTableCurves(publish(rows, curveCountsSpec("c", registry)));
          expectCurvesFromCounts(curves);
          // a log-rank row exists only when every group is published to its end
          for (const test of curveLogRank(curves)) {
            expect(
              curves
                .filter((c) => c.set === test.set)
                .every((c) => c.events !== null && c.at_risk !== null && c.censored !== null)
            ).toBe(true);
          }
        }
      ),
      {numRuns: 200}
    );
  });

  it("names the measures and cells as the audit model expects", () => {
    const rows = bands(many(10, 5, true), {
      set: "workplace",
      group: "none",
      origin: "placement",
      programme: "vocational",
      main_area: "Teknologi, byggeri og transport",
      period: "2014-2016"
    });
    const r = rows[0];
    expect(curveCellDims(r)).toEqual({
      programme_group: "vocational",
      main_area: "Teknologi, byggeri og transport",
      period: "2014-2016",
      workplace: "none"
    });
    // scheme-type curves: the types partition "with"; "none" is the same cells as the mentor set's "without"
    expect(
      curveCellDims({set: "scheme_type", group: "none", programme: "all", main_area: "all", period: "all"})
    ).toEqual({mentor: "without"});
    expect(
      curveCellDims({set: "scheme_type", group: "peer", programme: "all", main_area: "all", period: "2020-2022"})
    ).toEqual({period: "2020-2022", mentor: "with", scheme_type: "peer"});
    expect(
      curveCellDims({set: "mentor", group: "with", programme: "gymnasium", main_area: "all", period: "all"})
    ).toEqual({programme_group: "gymnasium", mentor: "with"});
    const registry = new PublicationRegistry();
    publish(rows, curveCountsSpec("c", registry));
    const dims = curveCellDims(r);
    expect(registry.lookup("curve_at_risk:placement:0", dims)).toEqual({value: 10, suppressed: false});
    expect(registry.lookup("curve_events:placement:0", dims)).toEqual({value: 10, suppressed: false});
    expect(registry.lookup("curve_censored:placement:0", dims)).toEqual({value: 0, suppressed: false});
    expect(registry.lookup("curve_at_risk:placement:42", dims)).toBeUndefined(); // no one left after the first band
  });
});

describe("site curves on the hand-made warehouse", () => {
  it("are gated and computed from their own counts", async () => {
    const registry = new PublicationRegistry();
    const curves = lifeTableCurves(publish(await lifeTableCounts(con), curveCountsSpec("curves", registry)));
    // 15 enrolments: every curve stops at its first band (fewer than 5 dropouts or censorings in it), whose counts are hidden
    expect(curves.length).toBeGreaterThan(0);
    expect(curves.every((c) => c.time === 0 && c.survival === null && c.suppressed?.includes("events"))).toBe(true);
    expectCurvesFromCounts(curves);
    expect(curveLogRank(curves)).toEqual([]);
  });
});
