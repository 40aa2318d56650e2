// The true effects per baseline-risk band (loaders/validate/risk-bands.ts): a hand-made cell table and risk
// model against the hand computation, the scenario's allocation and truth, and a short study that pairs
// every band, group and scenario record with its truth.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {RiskModel} from "../../loaders/analysis/risk.ts";
import {RISK_CELL_COLUMNS} from "../../loaders/synth/generate.ts";
import {
  allocateByPool,
  bandTruths,
  groupTruth,
  SCENARIO_KEY,
  scenarioEstimate,
  scenarioTruth,
  type RiskCells
} from "../../loaders/validate/risk-bands.ts";
import type {SeedResult} from "../../loaders/validate/seed.ts";
import {runStudy} from "../../loaders/validate/study.ts";
import {memoryDb} from "../helpers/duckdb.ts";

const factor = (name: string, levels: {level: string; coefficient: number}[] = []) => ({
  factor: name,
  reference: name === "programme" ? "EUD" : "x",
  reference_pooled: [],
  levels: levels.map((l) => ({...l, std_error: 0.1}))
});

/** log-odds −2 + 1 for STX + 0.1 per intake year from 2018; cuts 0.1, 0.15, 0.2, 0.3. */
const model: RiskModel = {
  method: "logistic regression (IRLS, ridge on non-intercept terms)",
  outcome: "dropout by the data date, mature cohorts",
  population: "mature cohorts without any mentor",
  intercept: -2,
  intercept_std_error: 0.1,
  year: {centre: 2018, coefficient: 0.1, std_error: 0.01},
  factors: [
    factor("institution_id"),
    factor("programme", [{level: "STX", coefficient: 1}]),
    factor("main_area"),
    factor("prior_band"),
    factor("age_band"),
    factor("gender")
  ],
  ridge: 1,
  min_level_students: 50,
  decile_cuts: [],
  band_cuts: [0.1, 0.15, 0.2, 0.3],
  c_statistic: 0.6,
  converged: true,
  iterations: 5
};

const cell = (year: number, programme: string, target: string, n: number, w: number, wo: number) => [
  year,
  "I01",
  programme,
  "none",
  "4_to_6",
  "17-19",
  "female",
  target,
  n,
  w,
  wo
];

// risks: 2014 EUD expit(−2.4) = 0.083 → band 1; 2018 EUD expit(−2) = 0.119 → 2; 2020 EUD expit(−1.8) = 0.142 → 2;
// 2015 STX expit(−1.3) = 0.214 → 4; 2018 STX expit(−1) = 0.269 → 4; 2022 STX expit(−0.6) = 0.354 → 5
const cells: RiskCells = {
  columns: [...RISK_CELL_COLUMNS],
  rows: [
    cell(2014, "EUD", "peer", 10, 2, 3),
    cell(2018, "EUD", "peer", 20, 4, 8),
    cell(2020, "EUD", "workplace", 30, 9, 9),
    cell(2015, "STX", "peer", 40, 10, 14),
    cell(2018, "STX", "professional", 50, 20, 25),
    cell(2022, "STX", "professional", 10, 5, 5)
  ]
};

describe("true effects per band from risk cells and a model (hand computation)", () => {
  let db: Awaited<ReturnType<typeof memoryDb>>;
  beforeAll(async () => {
    db = await memoryDb();
  });
  afterAll(() => db.close());

  it("per band: Σ(dropped with − without) / Σ n over the band's cells, all targets", async () => {
    const t = await bandTruths(db.con, cells, model);
    expect(t.bands[1]).toBeCloseTo((2 - 3) / 10, 12);
    expect(t.bands[2]).toBeCloseTo((4 - 8 + 9 - 9) / 50, 12);
    expect(t.bands[3]).toBeNull();
    expect(t.bands[4]).toBeCloseTo((10 - 14 + 20 - 25) / 90, 12);
    expect(t.bands[5]).toBeCloseTo(0, 12);
    expect(t.n).toEqual({1: 10, 2: 50, 3: 0, 4: 90, 5: 10});
  });

  it("per scheme type × risk group: the type's cells over the group's bands", async () => {
    const t = await bandTruths(db.con, cells, model);
    expect(groupTruth(t, "peer", 1, 2)).toEqual({value: (2 - 3 + 4 - 8) / 30, n: 30});
    expect(groupTruth(t, "peer", 3, 5)).toEqual({value: (10 - 14) / 40, n: 40});
    expect(groupTruth(t, "peer", 3, 3)).toEqual({value: null, n: 0});
    expect(groupTruth(t, "workplace", 1, 5)).toEqual({value: 0, n: 30});
    expect(groupTruth(t, "professional", 4, 5)).toEqual({value: (20 - 25 + 5 - 5) / 60, n: 60});
  });

  it("bad cells: a clear error naming the column or row", async () => {
    await expect(bandTruths(db.con, {columns: ["intake_year"], rows: []}, model)).rejects.toThrow(
      /expected columns intake_year, institution_id/
    );
    const bad = {columns: cells.columns, rows: [cell(2018, "EUD", "peer", 4, 5, 0)]};
    await expect(bandTruths(db.con, bad, model)).rejects.toThrow(/row 0: dropped_with \(5\).*n \(4\)/);
    const text = {
      columns: cells.columns,
      rows: [cell(2018, "EUD", "peer", 4, 1, 0).map((v, i) => (i === 8 ? "4" : v))]
    };
    await expect(bandTruths(db.con, text, model)).rejects.toThrow(/row 0, column n: expected a non-negative integer/);
  });
});

describe("the fixed scenario: allocation, estimate and truth", () => {
  it("spreads 100 mentees over bands 3–5 in proportion to the students without a mentor", () => {
    expect(allocateByPool({1: 999, 2: 999, 3: 100, 4: 300, 5: 600})).toEqual({3: 10, 4: 30, 5: 60});
    expect(allocateByPool({1: 5, 3: 0, 4: 0, 5: 0})).toBeNull();
  });

  it("truth Σ m_b · (−true_b); estimate by preventedEvents; null when a band lacks a value", () => {
    const m = {3: 10, 4: 30, 5: 60};
    expect(scenarioTruth(m, {1: 0, 2: 0, 3: -0.1, 4: -0.05, 5: 0.02})).toBeCloseTo(1 + 1.5 - 1.2, 12);
    expect(scenarioTruth(m, {3: -0.1, 4: null, 5: 0})).toBeNull();
    const e = scenarioEstimate(m, (b) => ({
      difference: -0.01 * b,
      lower: -0.01 * b - 0.0196,
      upper: -0.01 * b + 0.0196
    }));
    expect(e!.estimate).toBeCloseTo(10 * 0.03 + 30 * 0.04 + 60 * 0.05, 12);
    // SE per band 0.01: √(10² + 30² + 60²) · 0.01
    expect(e!.stdErr).toBeCloseTo(Math.sqrt(100 + 900 + 3600) * 0.01, 4);
    expect(scenarioEstimate(m, (b) => ({difference: b === 4 ? null : -0.01, lower: -0.02, upper: 0}))).toBeNull();
  });
});

describe("a short study pairs every band, group and scenario record with its truth", () => {
  let results: SeedResult[];
  beforeAll(async () => {
    results = await runStudy({seeds: 2, enrolments: 3000, firstSeed: 5101, jobs: 2});
  }, 120_000);

  it("bands 1–5, any risk groups and the scenario in every seed; truths where there are mentees, counting the same mentees", () => {
    expect(results.map((r) => r.seed)).toEqual([5101, 5102]);
    for (const r of results) {
      const keys = r.estimates.map((e) => e.key);
      for (const b of [1, 2, 3, 4, 5]) expect(keys, `seed ${r.seed}`).toContain(`band:${b}`);
      // a type with fewer than 2 × 20k mature mentees has one group, which riskGroupEffects does not split out
      for (const k of keys.filter((x) => x.startsWith("group:"))) expect(k).toMatch(/^group:[a-z_]+:[1-5](-[1-5])?$/);
      expect(keys).toContain(SCENARIO_KEY);
      let mentees = 0;
      for (const e of r.estimates.filter((x) => x.key.startsWith("band:") || x.key.startsWith("group:"))) {
        expect(e.truth_n, `seed ${r.seed} ${e.key}`).toBe(e.n);
        expect(e.truth === null, `seed ${r.seed} ${e.key}: truth ${e.truth}, n ${e.n}`).toBe(e.n === 0);
        if (e.key.startsWith("band:")) mentees += e.n!;
      }
      // every mature mentee is in one band, as in the overall estimate
      expect(mentees).toBe(r.estimates.find((e) => e.key === "overall")!.n);
      const s = r.estimates.find((e) => e.key === SCENARIO_KEY)!;
      expect(Number.isFinite(s.truth), `seed ${r.seed} scenario truth`).toBe(true);
      expect(s.truth!).toBeGreaterThan(-100);
      expect(s.truth!).toBeLessThan(100);
    }
  });
});
