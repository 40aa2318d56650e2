// The baseline-risk model (loaders/analysis/risk.ts) on a warehouse with a known risk structure: what the fit
// must satisfy (its score equations), pooled small levels, bands and deciles, one model for every cohort.
import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {prepareBase} from "../../loaders/analysis/sql/base.ts";
import {OTHER_LEVEL, riskOf, RISK_RIDGE, type RiskModel} from "../../loaders/analysis/risk.ts";
import {riskBandEffects, riskGroupEffects} from "../../loaders/analysis/effects.ts";
import {riskCalibration} from "../../loaders/analysis/risk-calibration.ts";
import {cStatistic} from "../../loaders/stats/index.ts";
import {query} from "../../loaders/warehouse.ts";
import {memoryDb} from "../helpers/duckdb.ts";

let con: DuckDBConnection;
let close: () => void;
let model: RiskModel;

/**
 * 6,000 students at two institutions (and 30 at a third: too few for a coefficient of its own), STX and HF, every
 * prior band; dropout risk rises with a lower band and in HF. A peer mentor for a fifth of them, more often at risk.
 */
beforeAll(async () => {
  ({con, close} = await memoryDb());
  await con.run(`
    CREATE TABLE warehouse_meta (data_version VARCHAR, contract_version VARCHAR, data_date DATE);
    INSERT INTO warehouse_meta VALUES ('t', '1.1.0', DATE '2026-10-01');
    CREATE TABLE institutions (institution_id VARCHAR, name VARCHAR);
    CREATE TABLE schemes (scheme_id VARCHAR, name VARCHAR, scheme_type VARCHAR, host_institution_id VARCHAR, country VARCHAR, start_year INTEGER,
      funding VARCHAR, mentor_fte DOUBLE, target_hours_to_first_contact DOUBLE, description VARCHAR);
    INSERT INTO schemes VALUES ('S1', 'Studiementor', 'peer', 'I01', 'DK', 2010, 'project', 2, 24, '');
    CREATE TABLE stage_events (enrolment_id VARCHAR, stage VARCHAR, start_date DATE, end_date DATE);
    CREATE TABLE enrolments AS
      SELECT 'E' || i AS enrolment_id, 'K' || i AS student_key,
        CASE WHEN i < 30 THEN 'I09' WHEN i % 2 = 0 THEN 'I01' ELSE 'I02' END AS institution_id,
        CASE WHEN i % 3 = 0 THEN 'HF' ELSE 'STX' END AS programme, NULL::VARCHAR AS main_area,
        make_date(2015 + CAST(i % 4 AS INTEGER), 8, 10) AS intake_date, 16 AS age_at_start,
        CASE WHEN i % 5 < 3 THEN 'female' ELSE 'male' END AS gender,
        ['under_4', '4_to_6', '6_to_8', '8_plus'][1 + CAST(i % 4 AS INTEGER)] AS prior_attainment_band,
        CASE WHEN u < p THEN 'dropped' ELSE 'completed' END AS outcome,
        make_date(2015 + CAST(i % 4 AS INTEGER), 8, 10) + CAST(CASE WHEN u < p THEN 20 + u * 600 ELSE 1080 END AS INTEGER) AS outcome_date,
        v, p
      FROM (SELECT range AS i, hash(range) % 100000 / 100000.0 AS u, hash(range * 7 + 3) % 100000 / 100000.0 AS v,
          0.04 + 0.08 * (3 - range % 4) / 3.0 + CASE WHEN range % 3 = 0 THEN 0.1 ELSE 0 END AS p
        FROM range(6000));
    CREATE TABLE mentorships AS
      SELECT 'M' || substr(enrolment_id, 2) AS mentorship_id, enrolment_id, 'S1' AS scheme_id, intake_date AS start_date, NULL::DATE AS end_date,
        NULL::VARCHAR AS group_id, FALSE AS rematched, 12.0 AS hours_to_first_contact, 10 AS meetings_held
      FROM enrolments WHERE v < p * 1.5;
    ALTER TABLE enrolments DROP COLUMN v; ALTER TABLE enrolments DROP COLUMN p;`);
  await prepareBase(con);
  model = riskOf(con)!.model!;
});
afterAll(() => close());

describe("the baseline-risk model", () => {
  it("is fitted on mature students without a mentor and solves its penalised score equations", async () => {
    expect(model.converged).toBe(true);
    const base = await prepareBase(con);
    // intercept unpenalised: predicted dropouts = observed dropouts in the fitting population
    const [sum] = await query<{pred: number; obs: number; n: number}>(
      con,
      `SELECT sum(baseline_risk) AS pred, CAST(count(*) FILTER (WHERE dropped) AS INTEGER) AS obs, CAST(count(*) AS INTEGER) AS n
       FROM ${base.enrol} WHERE mature AND NOT mentor_any`
    );
    expect(sum.pred).toBeCloseTo(sum.obs, 6);
    // a level's score: Σ (observed − predicted) over its students = λ × its coefficient
    const prior = model.factors.find((f) => f.factor === "prior_band")!;
    for (const level of prior.levels) {
      const [r] = await query<{resid: number}>(
        con,
        `SELECT sum(CAST(dropped AS INTEGER) - baseline_risk) AS resid FROM ${base.enrol}
         WHERE mature AND NOT mentor_any AND prior_band = '${level.level}'`
      );
      expect(r.resid).toBeCloseTo(RISK_RIDGE * level.coefficient, 6);
    }
    // the planted order: lower bands and HF carry more risk
    const coef = (f: string, l: string) => model.factors.find((x) => x.factor === f)!.levels.find((x) => x.level === l);
    expect(coef("prior_band", "under_4")!.coefficient).toBeGreaterThan(coef("prior_band", "8_plus")?.coefficient ?? 0);
    expect(coef("programme", "HF")?.coefficient ?? -coef("programme", "STX")!.coefficient).toBeGreaterThan(0);
  });

  it("pools a level with too few students instead of publishing their dropout as a coefficient", () => {
    const inst = model.factors.find((f) => f.factor === "institution_id")!;
    expect(inst.levels.map((l) => l.level)).not.toContain("I09");
    // 30 students alone are too few for a pooled level too: they take the reference
    expect(inst.levels.map((l) => l.level)).not.toContain(OTHER_LEVEL);
    expect(inst.reference_pooled).toEqual(["I09"]);
  });

  it("cuts the fitting population into deciles and fifths, nested, and gives every student a band", async () => {
    const base = await prepareBase(con);
    const rows = await query<{risk_band: number; risk_decile: number | null; n: number; lo: number; hi: number}>(
      con,
      `SELECT risk_band, risk_decile, CAST(count(*) AS INTEGER) AS n, min(baseline_risk) AS lo, max(baseline_risk) AS hi
       FROM ${base.enrol} WHERE mature AND NOT mentor_any GROUP BY ALL ORDER BY ALL`
    );
    for (const r of rows) expect(r.risk_band).toBe(Math.ceil(r.risk_decile! / 2));
    expect(model.band_cuts).toEqual(model.decile_cuts.filter((_, i) => i % 2 === 1));
    const [missing] = await query<{n: number}>(
      con,
      `SELECT CAST(count(*) AS INTEGER) AS n FROM ${base.enrol} WHERE risk_band IS NULL OR (mentor_any AND risk_decile IS NOT NULL)`
    );
    expect(missing.n).toBe(0);
  });

  it("reports the C-statistic of the fitting population and a calibration that sums to it", async () => {
    const base = await prepareBase(con);
    const groups = await query<{score: number; events: number; trials: number}>(
      con,
      `SELECT baseline_risk AS score, CAST(count(*) FILTER (WHERE dropped) AS INTEGER) AS events, CAST(count(*) AS INTEGER) AS trials
       FROM ${base.enrol} WHERE mature AND NOT mentor_any GROUP BY 1`
    );
    expect(model.c_statistic).toBeCloseTo(cStatistic(groups), 12);
    expect(model.c_statistic).toBeGreaterThan(0.55);
    const calibration = await riskCalibration(con);
    expect(calibration.reduce((a, r) => a + r.students!, 0)).toBe(groups.reduce((a, g) => a + g.trials, 0));
    expect(calibration.reduce((a, r) => a + r.dropped!, 0)).toBe(groups.reduce((a, g) => a + g.events, 0));
  });

  it("is the whole warehouse's model for every cohort: a cohort's students keep their bands", async () => {
    const all = await prepareBase(con);
    const hf = await prepareBase(con, {programmes: ["HF"]});
    const [diff] = await query<{n: number; m: number}>(
      con,
      `SELECT CAST(count(*) AS INTEGER) AS n, CAST(count(*) FILTER (WHERE a.risk_band <> h.risk_band OR a.baseline_risk <> h.baseline_risk) AS INTEGER) AS m
       FROM ${hf.enrol} h JOIN ${all.enrol} a USING (enrolment_id)`
    );
    expect(diff.n).toBeGreaterThan(1000);
    expect(diff.m).toBe(0);
  });

  it("splits the overall and scheme-type effects into bands and groups that add up to the mentees", async () => {
    const bands = await riskBandEffects(con);
    const groups = await riskGroupEffects(con, {minMentees: 100});
    const base = await prepareBase(con);
    const [m] = await query<{n: number}>(
      con,
      `SELECT CAST(count(*) AS INTEGER) AS n FROM ${base.enrol} WHERE mentor_intake AND mature AND m_start <= intake_date`
    );
    expect(bands.reduce((a, r) => a + r.n_mentored!, 0)).toBe(m.n);
    expect(groups.filter((r) => r.scheme_type === "peer").reduce((a, r) => a + r.n_mentored!, 0)).toBe(m.n);
    expect(bands.every((r) => r.nnt === null)).toBe(true); // filled from the published interval, after the gate
  });
});
