// Reading the true effects from truth.json (loaders/validate/truth.ts) on a hand-made truth object.
import {describe, expect, it} from "vitest";
import {
  effectTruth,
  matureYears,
  phaseHazardTruth,
  phaseTruth,
  riskDifferenceTruth,
  type Estimands,
  type TruthJson
} from "../../loaders/validate/truth.ts";

const phase = (entered_with: number, dropped_with: number, entered_without: number, dropped_without: number) => ({
  entered_with,
  dropped_with,
  entered_without,
  dropped_without
});

const estimands: Estimands = {
  data_date: "2026-10-01",
  mature_days: 1826,
  horizon_days: {"3m": 91, "1y": 365, "2y": 730, "5y": 1826},
  by_intake_year: {
    "2019": {
      overall: {
        ever: {n: 100, dropped_with: 20, dropped_without: 30},
        "1y": {n: 100, dropped_with: 10, dropped_without: 14},
        phases: {first_weeks: phase(100, 5, 100, 8), probation: phase(40, 4, 40, 6)}
      },
      peer: {ever: {n: 60, dropped_with: 12, dropped_without: 15}, phases: {first_weeks: phase(60, 3, 60, 4)}}
    },
    "2020": {
      overall: {
        ever: {n: 300, dropped_with: 60, dropped_without: 70},
        "1y": {n: 300, dropped_with: 30, dropped_without: 30},
        phases: {first_weeks: phase(300, 10, 300, 20), probation: phase(60, 6, 50, 5)}
      },
      peer: {ever: {n: 0, dropped_with: 0, dropped_without: 0}}
    },
    // immature: no one eligible for "ever"; its phases are not in the phase truth
    "2023": {
      overall: {
        ever: {n: 0, dropped_with: 0, dropped_without: 0},
        "1y": {n: 200, dropped_with: 20, dropped_without: 40},
        phases: {first_weeks: phase(200, 50, 200, 10)}
      }
    }
  }
};

describe("riskDifferenceTruth", () => {
  it('"ever": Σ(dropped_with − dropped_without) / Σ n over every year (immature years have n = 0)', () => {
    // (20 − 30 + 60 − 70 + 0) / (100 + 300 + 0) = −20 / 400
    expect(riskDifferenceTruth(estimands, "overall")).toBeCloseTo(-0.05, 12);
  });
  it("a fixed horizon, all years and a span of years", () => {
    // (10 − 14 + 30 − 30 + 20 − 40) / 600
    expect(riskDifferenceTruth(estimands, "overall", {horizon: "1y"})).toBeCloseTo(-24 / 600, 12);
    expect(riskDifferenceTruth(estimands, "overall", {horizon: "1y", years: [2020, 2023]})).toBeCloseTo(-20 / 500, 12);
  });
  it("a scheme type; null when no one is eligible or the target is unknown", () => {
    expect(riskDifferenceTruth(estimands, "peer")).toBeCloseTo(-3 / 60, 12);
    expect(riskDifferenceTruth(estimands, "peer", {years: [2020, 2020]})).toBeNull();
    expect(riskDifferenceTruth(estimands, "group")).toBeNull();
    expect(riskDifferenceTruth(estimands, "peer", {horizon: "1y"})).toBeNull();
  });
});

describe("phaseHazardTruth", () => {
  it("the mature years are those with ever n > 0", () => {
    expect(matureYears(estimands, "overall")).toEqual([2019, 2020]);
    expect(matureYears(estimands, "peer")).toEqual([2019, 2019]);
    expect(matureYears(estimands, "group")).toBeNull();
  });
  it("pooled hazard with − pooled hazard without over the mature years", () => {
    // with 15/400, without 28/400 (2023 left out)
    expect(phaseHazardTruth(estimands, "overall", "first_weeks")).toBeCloseTo(15 / 400 - 28 / 400, 12);
    // unequal denominators: 10/100 − 11/90
    expect(phaseHazardTruth(estimands, "overall", "probation")).toBeCloseTo(10 / 100 - 11 / 90, 12);
    // asked years
    expect(phaseHazardTruth(estimands, "overall", "first_weeks", [2019, 2023])).toBeCloseTo(65 / 600 - 38 / 600, 12);
  });
  it("null without entrants", () => {
    expect(phaseHazardTruth(estimands, "overall", "final_stretch")).toBeNull();
    expect(phaseHazardTruth(estimands, "group", "first_weeks")).toBeNull();
  });
});

describe("effectTruth and phaseTruth choose the estimands when present", () => {
  const legacy: TruthJson["mentored_population"] = {
    overall: {
      risk_difference: -0.1,
      cohorts_2014_2020: {risk_difference: -0.04},
      phases: {first_weeks: {hazard_with: 0.02, hazard_without: 0.05}}
    },
    by_scheme_type: {peer: {risk_difference: -0.2, cohorts_2014_2020: {risk_difference: -0.03}}}
  };
  it("estimands", () => {
    const t: TruthJson = {estimands, mentored_population: legacy};
    expect(effectTruth(t, "overall")).toEqual({value: expect.closeTo(-0.05, 12), source: "estimands"});
    expect(effectTruth(t, "peer")).toEqual({value: expect.closeTo(-0.05, 12), source: "estimands"});
    expect(phaseTruth(t, "overall", "first_weeks")).toEqual({
      value: expect.closeTo(-13 / 400, 12),
      source: "estimands"
    });
  });
  it("legacy fallback without estimands: the 2014–2020 cohorts and the all-mentee phase hazards", () => {
    const t: TruthJson = {mentored_population: legacy};
    expect(effectTruth(t, "overall")).toEqual({value: -0.04, source: "legacy"});
    expect(effectTruth(t, "peer")).toEqual({value: -0.03, source: "legacy"});
    expect(effectTruth(t, "group")).toEqual({value: null, source: "legacy"});
    expect(phaseTruth(t, "overall", "first_weeks")).toEqual({value: expect.closeTo(-0.03, 12), source: "legacy"});
    expect(phaseTruth(t, "overall", "probation")).toEqual({value: null, source: "legacy"});
  });
});
