/**
 * The published figures the synthetic set is tuned to, and the SQL that
 * measures them on a generated set (used by the calibration test and by
 * `npm run synth -- --check`). Sources: data/README.md, "Calibration".
 *
 * Every dropout share is among students who started: no-shows (withdrew
 * before the intake date) are in no denominator, as in the ministry's
 * statistics. The HF, FGU and gymnasium figures are approximate and
 * unverified (from memory of the UVM data bank, not checked offline); the
 * EUD figures are the published ones cited.
 */
export interface CalibrationTarget {
  id: string;
  label: string;
  /** Accepted range for the generated set. */
  min: number;
  max: number;
  published: string;
  sql: string;
}

/** `dir` holds the generated CSV files; `extraction` is the data cut-off (ISO). */
export function calibrationTargets(dir: string, extraction: string): CalibrationTarget[] {
  const csv = (t: string) => `read_csv('${dir}/${t}.csv', header = true, auto_detect = true)`;
  const e = `DATE '${extraction}'`;
  const dropoutWithin = (programmes: string, days: number) => `
    SELECT avg(CASE WHEN outcome = 'dropped' AND outcome_date < intake_date + ${days} THEN 1 ELSE 0 END)::DOUBLE AS value
    FROM ${csv("enrolments")} WHERE programme IN (${programmes}) AND outcome <> 'no_show' AND intake_date + ${days} <= ${e}`;
  const stageStart = (stage: string, firstStage: boolean) => `
    WITH s AS (SELECT enrolment_id, start_date FROM ${csv("stage_events")} WHERE stage = '${stage}')
    SELECT avg(CASE WHEN en.outcome = 'dropped' AND en.outcome_date < s.start_date + 91 THEN 1 ELSE 0 END)::DOUBLE AS value
    FROM s JOIN ${csv("enrolments")} en USING (enrolment_id)
    WHERE en.programme = 'EUD' AND s.start_date + 91 <= ${e} ${firstStage ? "AND s.start_date = en.intake_date" : ""}`;
  return [
    {
      id: "eud_1y",
      label: "EUD: dropout within 1 year of intake",
      min: 0.13,
      max: 0.18,
      published: "14 % (2020 starters), 16 % (2021) — Danmarks Statistik",
      sql: dropoutWithin("'EUD'", 365)
    },
    {
      id: "eud_5y",
      label: "EUD: dropout within 5 years of intake",
      min: 0.37,
      max: 0.44,
      published: "39–43 % (2012–2016 starters) — Danmarks Statistik",
      sql: dropoutWithin("'EUD'", 1826)
    },
    {
      id: "gf1_3m",
      label: "EUD: dropout within 3 months of starting GF1",
      min: 0.05,
      max: 0.09,
      published: "about 7 % (2016 starters) — UVM",
      sql: stageStart("gf1", true)
    },
    {
      id: "gf2_3m",
      label: "EUD: dropout within 3 months of starting directly on GF2",
      min: 0.1,
      max: 0.16,
      published: "about 14 % (2016 starters) — UVM",
      sql: stageStart("gf2", true)
    },
    {
      id: "placement_3m",
      label: "EUD: grundforløb completers starting a hovedforløb (læreplads or skoleoplæring) within 3 months",
      min: 0.42,
      max: 0.56,
      published: "44–53 % — UVM / Danmarks Statistik",
      sql: `
        WITH gf AS (SELECT enrolment_id, end_date FROM ${csv("stage_events")} WHERE stage = 'gf2' AND end_date IS NOT NULL),
        hf AS (SELECT enrolment_id, min(start_date) AS start_date FROM ${csv("stage_events")} WHERE stage IN ('laereplads', 'skoleoplaering') GROUP BY ALL)
        SELECT avg(CASE WHEN hf.start_date < gf.end_date + 91 THEN 1 ELSE 0 END)::DOUBLE AS value
        FROM gf JOIN ${csv("enrolments")} en USING (enrolment_id) LEFT JOIN hf USING (enrolment_id)
        WHERE en.programme = 'EUD' AND gf.end_date + 91 <= ${e}
          AND NOT (en.outcome = 'transferred' AND en.outcome_date = gf.end_date)`
    },
    {
      id: "hf_dropout",
      label: "EUD: dropout during the hovedforløb (starters with 5 years of follow-up)",
      min: 0.16,
      max: 0.24,
      published: "about 20 % — UVM",
      sql: `
        WITH hf AS (SELECT enrolment_id, min(start_date) AS start_date FROM ${csv("stage_events")} WHERE stage IN ('laereplads', 'skoleoplaering') GROUP BY ALL)
        SELECT avg(CASE WHEN en.outcome = 'dropped' THEN 1 ELSE 0 END)::DOUBLE AS value
        FROM hf JOIN ${csv("enrolments")} en USING (enrolment_id)
        WHERE en.programme = 'EUD' AND hf.start_date + 1826 <= ${e}`
    },
    {
      id: "probation_share",
      label: "EUD: share of hovedforløb dropouts that fall in the læreplads probation (3 months)",
      min: 0.25,
      max: 0.42,
      published: "about a third — UVM",
      sql: `
        WITH lp AS (SELECT enrolment_id, min(start_date) AS start_date FROM ${csv("stage_events")} WHERE stage = 'laereplads' GROUP BY ALL)
        SELECT avg(CASE WHEN en.outcome_date < lp.start_date + 91 THEN 1 ELSE 0 END)::DOUBLE AS value
        FROM lp JOIN ${csv("enrolments")} en USING (enrolment_id)
        WHERE en.programme = 'EUD' AND en.outcome = 'dropped' AND lp.start_date + 1826 <= ${e}`
    },
    {
      id: "stx_5y",
      label: "STX: dropout within 5 years",
      min: 0.08,
      max: 0.14,
      published: "about 11 % — UVM (approx.)",
      sql: dropoutWithin("'STX'", 1826)
    },
    {
      id: "hhx_htx_5y",
      label: "HHX and HTX: dropout within 5 years",
      min: 0.13,
      max: 0.22,
      published: "about 15–19 % — UVM (approx.)",
      sql: dropoutWithin("'HHX', 'HTX'", 1826)
    },
    {
      id: "hf_3y",
      label: "HF (2-årig hf): dropout within 3 years",
      min: 0.18,
      max: 0.3,
      published: "about a quarter of starters — UVM (approx., unverified)",
      sql: dropoutWithin("'HF'", 1095)
    },
    {
      id: "fgu_3m",
      label: "FGU: dropout within 3 months (early dropout)",
      min: 0.1,
      max: 0.2,
      published: "high early dropout, about 15 % — UVM/EVA (approx., unverified)",
      sql: dropoutWithin("'FGU'", 91)
    },
    {
      id: "fgu_1y",
      label: "FGU: dropout within 1 year",
      min: 0.24,
      max: 0.38,
      published: "about 30 % — UVM (approx., unverified)",
      sql: dropoutWithin("'FGU'", 365)
    },
    {
      id: "no_show_share",
      label: "All programmes: no-shows (withdrew before the start) among admitted",
      min: 0.01,
      max: 0.04,
      published: "illustrative (no published figure used)",
      sql: `SELECT avg(CASE WHEN outcome = 'no_show' THEN 1 ELSE 0 END)::DOUBLE AS value FROM ${csv("enrolments")}`
    }
  ];
}
