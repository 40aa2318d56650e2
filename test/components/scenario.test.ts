// The what-if page's computation (src/components/scenario.ts): allocation over bands by the pools without a mentor,
// the effect each band takes, prevented dropouts with their interval, FTE and cost, and every warning.
import {describe, expect, it} from "vitest";
import type {
  PhaseEffectRow,
  RiskBandEffectRow,
  RiskGroupEffectRow,
  ScenarioPoolRow
} from "../../loaders/analysis/types.ts";
import {preventedEvents} from "../../loaders/stats/index.ts";
import {
  computeScenario,
  intakeYears,
  menteesPerFteOf,
  type ScenarioData,
  type ScenarioInput
} from "../../src/components/scenario.ts";

const effect = (adjusted: number | null, lower: number | null, upper: number | null, n = 500) => ({
  adjusted,
  adjusted_lower: lower,
  adjusted_upper: upper,
  n_mentored: n,
  nnt: upper !== null && upper < 0 ? -1 / adjusted! : null,
  nnt_lower: null,
  nnt_upper: null,
  nnt_kind: upper !== null && upper < 0 ? ("benefit" as const) : null
});

const band = (risk_band: number, e: ReturnType<typeof effect>, suppressed?: string[]) =>
  ({risk_band, ...e, ...(suppressed ? {suppressed} : {})}) as unknown as RiskBandEffectRow;
const group = (scheme_type: string, risk_group: string, e: ReturnType<typeof effect>) => {
  const [from, to = from] = risk_group.split("-").map(Number);
  return {scheme_type, risk_group, band_from: from, band_to: to, ...e} as unknown as RiskGroupEffectRow;
};
const pool = (programme: string, risk_band: number | "all", scheme_type: string, students: number | null) =>
  ({
    programme,
    risk_band,
    scheme_type,
    students,
    ...(students === null ? {suppressed: ["students"]} : {})
  }) as ScenarioPoolRow;

const data: ScenarioData = {
  meta: {first_intake: "2014-08-15", mature_until: "2018-10-01"}, // 5 intake years: 2014–2018
  band_effects: [
    band(1, effect(0.01, -0.03, 0.05)),
    band(2, effect(-0.01, -0.04, 0.02)),
    band(3, effect(-0.05, -0.08, -0.02)),
    band(4, effect(-0.1, -0.2, 0, 80)),
    band(5, effect(-0.02, -0.06, 0.02))
  ],
  group_effects: [
    group("peer", "1-2", effect(0, -0.05, 0.05)),
    group("peer", "3", effect(-0.04, -0.07, -0.01)),
    group("peer", "4-5", effect(-0.08, -0.12, -0.04)),
    group("group", "3", effect(null, null, null, 3)),
    // workplace: one group only, so no rows (its effect is the type's own, not split by band)
    group("group", "4-5", effect(-0.03, -0.09, 0.03))
  ],
  pools: [
    pool("all", "all", "none", 2000),
    pool("all", 1, "none", 600),
    pool("all", 2, "none", 400),
    pool("all", 3, "none", 200),
    pool("all", 4, "none", 300),
    pool("all", 5, "none", 500),
    pool("EUD", 3, "none", 50),
    pool("EUD", 4, "none", null),
    pool("EUD", 5, "none", 150),
    pool("all", "all", "peer", 900),
    pool("all", "all", "group", 60),
    pool("EUD", "all", "peer", 40),
    pool("EUD", "all", "group", null)
  ],
  phase_effects: [
    {
      phase: "probation",
      scheme_type: "all",
      adjusted: -0.03,
      adjusted_lower: -0.05,
      adjusted_upper: -0.01,
      entered_with: 700
    },
    {
      phase: "probation",
      scheme_type: "peer",
      adjusted: null,
      adjusted_lower: null,
      adjusted_upper: null,
      entered_with: null,
      suppressed: ["entered_with", "adjusted", "adjusted_lower", "adjusted_upper"]
    }
  ] as unknown as PhaseEffectRow[],
  mentees_per_fte: [
    {scheme_type: "peer", mentorships_per_year: 120, fte: 4, per_fte: 30, schemes: ["S01"]},
    {scheme_type: "adult_volunteer", mentorships_per_year: null, fte: null, per_fte: null, schemes: []},
    {scheme_type: "professional", mentorships_per_year: 60, fte: 6, per_fte: 10, schemes: ["S02"]},
    {scheme_type: "group", mentorships_per_year: null, fte: null, per_fte: null, schemes: []},
    {scheme_type: "workplace", mentorships_per_year: null, fte: null, per_fte: null, schemes: []}
  ]
};

const base: ScenarioInput = {
  scheme_type: "all",
  target: "bands",
  bands: [3, 4, 5],
  programme: "all",
  phase: "probation",
  unit: "mentees",
  amount: 100,
  cost_per_fte: null
};
const run = (input: Partial<ScenarioInput>, d: ScenarioData = data) =>
  computeScenario({...base, ...input}, d, preventedEvents);
const kinds = (r: ReturnType<typeof run>) => r.warnings.map((w) => w.kind);

describe("computeScenario", () => {
  it("splits the mentees by the pools without a mentor and sums the bands' effects with their interval", () => {
    const r = run({});
    // pools 200, 300, 500 → 20, 30, 50 mentees
    expect(r.cells.map((c) => c.mentees)).toEqual([20, 30, 50]);
    expect(r.cells.map((c) => c.share)).toEqual([0.2, 0.3, 0.5]);
    // 20 × 0.05 + 30 × 0.1 + 50 × 0.02 = 5
    expect(r.prevented!.estimate).toBeCloseTo(5, 10);
    const direct = preventedEvents([
      {mentees: 20, difference: -0.05, lower: -0.08, upper: -0.02},
      {mentees: 30, difference: -0.1, lower: -0.2, upper: 0},
      {mentees: 50, difference: -0.02, lower: -0.06, upper: 0.02}
    ]);
    expect(r.prevented!.lower).toBeCloseTo(direct.lower, 12);
    expect(r.prevented!.upper).toBeCloseTo(direct.upper, 12);
    expect(r.cells.map((c) => c.prevented)).toEqual([1, expect.closeTo(3, 12), 1]);
    expect(r.used_mentees).toBe(100);
    // the band effect's published NNT where its interval excludes 0
    expect(r.cells.map((c) => c.nnt)).toEqual([20, null, null]);
    // band 4 rests on 80 mentees
    expect(r.warnings).toEqual([{kind: "few_mentees", cells: [{key: "band-4", n: 80}]}]);
    // pools a year: (200 + 300 + 500) / 5 intake years
    expect(r.pool_per_year).toBe(200);
    // peer 120 + professional 60 mentorships a year over 10 FTE
    expect(r.per_fte).toBe(18);
    expect(r.fte).toBeCloseTo(100 / 18, 12);
  });

  it("a scheme type takes its effect in each band's risk group", () => {
    const r = run({scheme_type: "peer"});
    expect(r.cells.map((c) => [c.risk_group, c.difference])).toEqual([
      ["3", -0.04],
      ["4-5", -0.08],
      ["4-5", -0.08]
    ]);
    expect(r.prevented!.estimate).toBeCloseTo(20 * 0.04 + 80 * 0.08, 10);
    expect(r.fte).toBeCloseTo(100 / 30, 12);
    expect(kinds(r)).toEqual([]);
  });

  it("a scheme type without risk groups (one group only) has no band effect to use", () => {
    const r = run({scheme_type: "workplace"});
    expect(r.cells.map((c) => c.status)).toEqual(["missing", "missing", "missing"]);
    expect(r.prevented).toBeNull();
    expect(r.warnings).toContainEqual({kind: "missing_effect", cells: ["band-3", "band-4", "band-5"], mentees: 100});
  });

  it("a hidden or missing effect prevents nothing and is named", () => {
    const hidden = {
      ...data,
      band_effects: data.band_effects.map((b) =>
        b.risk_band === 5 ? {...b, adjusted: null, suppressed: ["adjusted"]} : b
      )
    };
    const r = run({}, hidden);
    expect(r.cells[2].status).toBe("hidden");
    expect(r.cells[2].prevented).toBeNull();
    expect(r.used_mentees).toBe(50);
    expect(r.prevented!.estimate).toBeCloseTo(4, 10);
    expect(r.warnings).toContainEqual({kind: "hidden_effect", cells: ["band-5"], mentees: 50});
    const g = run({scheme_type: "group"});
    expect(g.cells[0].status).toBe("missing");
    expect(g.warnings).toContainEqual({kind: "missing_effect", cells: ["band-3"], mentees: 20});
    // 60 group mentees in all programmes: the type has little support
    expect(g.warnings).toContainEqual({kind: "little_support", programme: "all", students: 60});
  });

  it("a programme's hidden pool splits by all programmes' pools and says so; little support in the programme", () => {
    const r = run({programme: "EUD", scheme_type: "peer"});
    expect(r.cells.map((c) => c.share)).toEqual([0.2, 0.3, 0.5]);
    expect(r.cells.map((c) => c.pool)).toEqual([50, null, 150]);
    expect(r.warnings).toContainEqual({kind: "pool_hidden", cells: ["band-4"], split: "all_programmes"});
    expect(r.warnings).toContainEqual({kind: "little_support", programme: "EUD", students: 40});
    // a hidden pool: the target group's pool a year is unknown, so no check against it
    expect(r.pool_per_year).toBeNull();
    expect(kinds(r)).not.toContain("exceeds_pool");
    const g = run({programme: "EUD", scheme_type: "group"});
    expect(g.warnings).toContainEqual({kind: "little_support", programme: "EUD", students: null});
    const known = run({programme: "EUD", bands: [3, 5]});
    expect(known.cells.map((c) => c.share)).toEqual([0.25, 0.75]);
    expect(kinds(known)).not.toContain("pool_hidden");
  });

  it("warns when the extra mentees exceed the students a year without a mentor", () => {
    // EUD bands 3 and 5: 200 students over 5 intake years = 40 a year
    expect(run({programme: "EUD", bands: [3, 5], amount: 40}).warnings.map((w) => w.kind)).not.toContain(
      "exceeds_pool"
    );
    expect(run({programme: "EUD", bands: [3, 5], amount: 41}).warnings).toContainEqual({
      kind: "exceeds_pool",
      mentees: 41,
      pool_per_year: 40
    });
  });

  it("a transition point uses its adjusted hazard difference, bands and programme not split", () => {
    const r = run({target: "phase", bands: [], programme: "EUD"});
    expect(r.cells).toHaveLength(1);
    expect(r.cells[0]).toMatchObject({
      key: "probation",
      phase: "probation",
      mentees: 100,
      difference: -0.03,
      n_mentored: 700
    });
    expect(r.cells[0].pool_per_year).toBe(400);
    expect(r.prevented!.estimate).toBeCloseTo(3, 10);
    expect(kinds(r)).toEqual([]);
    const peer = run({target: "phase", scheme_type: "peer"});
    expect(peer.prevented).toBeNull();
    expect(peer.warnings).toContainEqual({kind: "hidden_effect", cells: ["probation"], mentees: 100});
  });

  it("converts FTE with the type's mentees per FTE, and says when there is no rate", () => {
    const r = run({scheme_type: "professional", unit: "fte", amount: 2});
    expect(r.mentees).toBe(20);
    expect(r.fte).toBe(2);
    const none = run({scheme_type: "adult_volunteer", unit: "fte", amount: 2});
    expect(none.mentees).toBe(0);
    expect(none.prevented).toBeNull();
    expect(kinds(none)).toContain("no_fte_rate");
    expect(run({scheme_type: "adult_volunteer"}).fte).toBeNull();
  });

  it("costs the FTE and divides by the prevented dropouts, the interval's ends swapped", () => {
    const r = run({scheme_type: "peer", unit: "fte", amount: 3, cost_per_fte: 500_000});
    // 90 mentees: 18 in band 3, 27 and 45 in the high group
    const p = r.prevented!;
    expect(r.cost!.total).toBe(1_500_000);
    expect(r.cost!.per_prevented).toBeCloseTo(1_500_000 / p.estimate, 6);
    expect(r.cost!.lower).toBeCloseTo(1_500_000 / p.upper, 6);
    expect(r.cost!.upper).toBeCloseTo(1_500_000 / p.lower, 6);
    // an interval reaching zero leaves the cost unbounded above
    const wide = run({bands: [1, 2], cost_per_fte: 100_000});
    expect(wide.prevented!.lower).toBeLessThan(0);
    expect(wide.cost!.upper).toBeNull();
    expect(run({scheme_type: "adult_volunteer", cost_per_fte: 100_000}).cost).toBeNull();
  });

  it("no band chosen: nothing placed, and said", () => {
    const r = run({bands: []});
    expect(r.cells).toEqual([]);
    expect(r.prevented).toBeNull();
    expect(kinds(r)).toEqual(["no_bands"]);
  });

  it("refuses an amount or cost that is not a number ≥ 0", () => {
    expect(() => run({amount: -1})).toThrow(/amount must be a number ≥ 0, got -1/);
    expect(() => run({amount: NaN})).toThrow(/amount/);
    expect(() => run({cost_per_fte: -5})).toThrow(/cost_per_fte/);
  });
});

describe("helpers", () => {
  it("counts the mature cohorts' intake years", () => {
    expect(intakeYears({first_intake: "2014-08-15", mature_until: "2018-10-01"})).toBe(5);
    expect(intakeYears({first_intake: "2014-08-15", mature_until: "2018-06-01"})).toBe(4);
    expect(intakeYears({first_intake: null, mature_until: "2018-06-01"})).toBeNull();
  });

  it("pools the mentees per FTE of the types that state FTE", () => {
    expect(menteesPerFteOf(data, "peer")).toBe(30);
    expect(menteesPerFteOf(data, "group")).toBeNull();
    expect(menteesPerFteOf(data, "all")).toBe(18);
  });
});
