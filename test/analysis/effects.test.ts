// Mentors who start after the intake (loaders/analysis/sql/base.ts comparisonSql, effects.ts): with no effect at
// all, comparing mentees from the intake would credit a late mentor with the dropouts before it came.
import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {schemeTypeEffects} from "../../loaders/analysis/effects.ts";
import {memoryDb} from "../helpers/duckdb.ts";

let con: DuckDBConnection;
let close: () => void;

/**
 * One stratum, 4,000 students, no mentor effect: every student drops out with the same chance, half of the dropouts
 * in the first 60 days. A peer mentor starts on day 60 for a random fifth of those still enrolled then.
 */
beforeAll(async () => {
  ({con, close} = await memoryDb());
  await con.run(`
    CREATE TABLE warehouse_meta (data_version VARCHAR, contract_version VARCHAR, data_date DATE);
    INSERT INTO warehouse_meta VALUES ('t', '1.1.0', DATE '2026-10-01');
    CREATE TABLE schemes (scheme_id VARCHAR, name VARCHAR, scheme_type VARCHAR, host_institution_id VARCHAR, country VARCHAR, start_year INTEGER,
      funding VARCHAR, mentor_fte DOUBLE, target_hours_to_first_contact DOUBLE, description VARCHAR);
    INSERT INTO schemes VALUES ('S1', 'Studiementor', 'peer', 'I01', 'DK', 2010, 'project', NULL, 24, '');
    CREATE TABLE stage_events (enrolment_id VARCHAR, stage VARCHAR, start_date DATE, end_date DATE);
    CREATE TABLE enrolments AS
      SELECT 'E' || i AS enrolment_id, 'K' || i AS student_key, 'I01' AS institution_id, 'STX' AS programme, NULL::VARCHAR AS main_area,
        DATE '2016-08-10' AS intake_date, 16 AS age_at_start, 'female' AS gender, '4_to_6' AS prior_attainment_band,
        CASE WHEN u < 0.15 THEN 'dropped' ELSE 'completed' END AS outcome,
        DATE '2016-08-10' + CAST(CASE WHEN u < 0.075 THEN 5 + u * 700 WHEN u < 0.15 THEN 100 + u * 2000 ELSE 1080 END AS INTEGER) AS outcome_date,
        v
      FROM (SELECT range AS i, hash(range) % 100000 / 100000.0 AS u, hash(range * 7 + 3) % 100000 / 100000.0 AS v FROM range(4000));
    CREATE TABLE mentorships AS
      SELECT 'M' || substr(enrolment_id, 2) AS mentorship_id, enrolment_id, 'S1' AS scheme_id, intake_date + 60 AS start_date, NULL::DATE AS end_date,
        NULL::VARCHAR AS group_id, FALSE AS rematched, 12.0 AS hours_to_first_contact, 10 AS meetings_held
      FROM enrolments WHERE v < 0.2 AND outcome_date >= intake_date + 60;
    ALTER TABLE enrolments DROP COLUMN v;`);
});
afterAll(() => close());

describe("mentors who start after the intake", () => {
  it("are compared with students still enrolled at the mentor's start, so no effect is found where there is none", async () => {
    const [peer] = (await schemeTypeEffects(con, {horizon: "ever"})).filter((r) => r.scheme_type === "peer");
    const [{early}] = await con
      .runAndReadAll(`SELECT count(*) FILTER (WHERE outcome_date < intake_date + 60)::INTEGER AS early FROM enrolments`)
      .then((r) => r.getRowObjectsJson() as {early: number}[]);
    expect(early).toBeGreaterThan(250); // the early dropouts a late mentor could be credited with
    // the published counts are everyone compared (mentees and all comparison students of the unit)
    expect(peer.n_mentored! + peer.n_comparison!).toBe(4000);
    // naive and adjusted both compare from the mentor's start: within about two standard errors of 0
    const se = (peer.adjusted_upper! - peer.adjusted_lower!) / (2 * 1.96);
    expect(Math.abs(peer.adjusted!)).toBeLessThan(2 * se);
    expect(Math.abs(peer.naive!)).toBeLessThan(2 * se);
    // crediting the mentees from the intake would have shown a benefit of about the early-dropout share (≈ 7.5 pp)
    const mentees = peer.dropped_mentored! / peer.n_mentored!;
    const everyone = (peer.dropped_mentored! + peer.dropped_comparison!) / 4000;
    expect(everyone - mentees).toBeGreaterThan(0.05);
  });
});
