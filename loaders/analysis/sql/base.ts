/**
 * The one place for the SQL every analysis shares: mentor status per
 * enrolment, strata, the phase (transition point) of a dropout, the phases
 * each enrolment entered, horizons and follow-up. `prepareBase` materialises
 * two TEMP tables per connection and cohort filter (temporary objects work on
 * a read-only warehouse):
 *
 * Mentorships starting after the data date are ignored (not yet mentored).
 *
 * - enrolment table (one row per enrolment that started): covariates, strata key, outcome
 *   (end_day = days from intake to completion/dropout/transfer), follow_days
 *   (data date − intake), drop_phase, the first mentorship (scheme, type,
 *   start, process measures), mentor flags, placement (first læreplads start)
 *   and dropout after placement.
 * - phase table (one row per enrolment × phase entered): entry date, dropped
 *   in the phase, mentor status at the phase entry.
 *
 * No-shows (outcome `no_show`: withdrew before the intake date) never
 * started. They are left out of the enrolment table — and so of every
 * population, rate and curve built on it — in one place here, and kept
 * apart in a no-show view (same columns) that only counts them.
 *
 * Definitions are documented in loaders/analysis/README.md.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {ageBandSql, FINAL_STAGES, PHASE_CUTOFFS, PROGRAMMES_IN_GROUP, STAGES} from "../../contract/contract.ts";
import {quoteLiteral} from "../../stats/index.ts";
import {filterKey, filterPredicate, NO_MAIN_AREA, validateFilters} from "../filters.ts";
import {horizonDays} from "../../horizons.ts";
import {dataInfo} from "../meta.ts";
import type {CohortFilters, DataInfo, HorizonKey, Origin} from "../types.ts";
import {fitRiskModel, RISK_COLUMNS, riskOf} from "../risk.ts";

/** Strata for risk adjustment of mentor comparisons (every observed covariate the offer of a mentor can depend on). */
export const EFFECT_STRATA = ["institution_id", "programme", "main_area", "prior_band", "age_band", "gender"] as const;
/** Strata for the expected dropout of an institution (indirect standardisation: everything but the institution). */
export const BENCHMARK_STRATA = ["programme", "main_area", "prior_band", "age_band", "gender"] as const;

export const VOCATIONAL_PROGRAMMES = ["EUD", "EUX"] as const;

export interface Base {
  /** TEMP view, one row per enrolment in the cohort that started (no-shows left out). */
  enrol: string;
  /** TEMP view, the cohort's no-shows (withdrew before the intake date), with the enrolment view's columns. */
  noShows: string;
  /** TEMP table, one row per enrolment × phase entered (by the data date). */
  phases: string;
  info: DataInfo;
  filters: CohortFilters;
}

const cache = new WeakMap<DuckDBConnection, Map<string, Promise<Base>>>();

/** Materialise (once per connection and filter) the enrolment and phase tables of a cohort. */
export function prepareBase(con: DuckDBConnection, filters: CohortFilters = {}): Promise<Base> {
  let perCon = cache.get(con);
  if (!perCon) cache.set(con, (perCon = new Map()));
  const key = filterKey(filters);
  let p = perCon.get(key);
  if (!p) {
    p = build(con, filters, perCon.size);
    perCon.set(key, p);
    p.catch(() => perCon!.delete(key));
  }
  return p;
}

const SQL_DATE = (iso: string) => `DATE ${quoteLiteral(iso)}`;
const STAGE_LIST = `[${STAGES.map(quoteLiteral).join(", ")}]`;
const FINAL_STAGE_LIST = FINAL_STAGES.map(quoteLiteral).join(", ");

export function programmeGroupSql(column = "programme"): string {
  return `CASE ${Object.entries(PROGRAMMES_IN_GROUP)
    .map(([g, ps]) => `WHEN ${column} IN (${ps.map(quoteLiteral).join(", ")}) THEN ${quoteLiteral(g)}`)
    .join(" ")} END`;
}

/** SQL for the stratum key over the given columns of the enrolment table. */
export function stratumSql(columns: readonly string[], alias = ""): string {
  const a = alias ? `${alias}.` : "";
  return `concat_ws('|', ${columns.map((c) => `coalesce(CAST(${a}${c} AS VARCHAR), '?')`).join(", ")})`;
}

async function build(con: DuckDBConnection, asked: CohortFilters, n: number): Promise<Base> {
  const filters = await validateFilters(asked, con); // institution ids in the warehouse's spelling
  const info = await dataInfo(con);
  const dataDate = SQL_DATE(info.data_date);
  const admitted = `analysis_admitted_${n}`;
  const enrol = `analysis_enrol_${n}`;
  const noShows = `analysis_no_show_${n}`;
  const phases = `analysis_phase_${n}`;
  const {firstWeeksDays: FW, probationDays: PROB} = PHASE_CUTOFFS;

  await con.run(`CREATE OR REPLACE TEMP TABLE ${admitted} AS
WITH m AS (
  SELECT ms.enrolment_id, ms.scheme_id, s.scheme_type, ms.start_date AS m_start, ms.end_date AS m_end,
    CAST(ms.hours_to_first_contact AS DOUBLE) AS hours, CAST(ms.meetings_held AS INTEGER) AS meetings, ms.rematched,
    row_number() OVER (PARTITION BY ms.enrolment_id ORDER BY ms.start_date, ms.mentorship_id) AS rn
  FROM mentorships ms JOIN schemes s ON s.scheme_id = ms.scheme_id
  WHERE ms.start_date <= ${dataDate} -- a mentorship that has not started by the data date does not count (yet)
),
place AS (
  SELECT enrolment_id, min(start_date) AS placement_date FROM stage_events WHERE stage = 'laereplads' GROUP BY 1
),
cur AS (
  -- the stage a dropout was in: the last stage started on or before the dropout date
  SELECT enrolment_id, stage AS cur_stage, start_date AS cur_start, end_date AS cur_end FROM (
    SELECT s.enrolment_id, s.stage, s.start_date, s.end_date,
      row_number() OVER (PARTITION BY s.enrolment_id ORDER BY s.start_date DESC, list_position(${STAGE_LIST}, s.stage) DESC) AS rn
    FROM stage_events s JOIN enrolments e ON e.enrolment_id = s.enrolment_id
    WHERE e.outcome = 'dropped' AND s.start_date <= e.outcome_date
  ) WHERE rn = 1
),
e AS (
  SELECT e.enrolment_id, e.institution_id, e.programme, ${programmeGroupSql("e.programme")} AS programme_group,
    coalesce(e.main_area, ${quoteLiteral(NO_MAIN_AREA)}) AS main_area,
    e.intake_date, CAST(year(e.intake_date) AS INTEGER) AS intake_year,
    ${ageBandSql("e.age_at_start")} AS age_band, e.gender, e.prior_attainment_band AS prior_band,
    e.outcome, e.outcome_date,
    CASE WHEN e.outcome IN ('completed', 'dropped', 'transferred') AND e.outcome_date IS NOT NULL
      THEN CAST(e.outcome_date - e.intake_date AS INTEGER) END AS end_day,
    CAST(${dataDate} - e.intake_date AS INTEGER) AS follow_days,
    m.scheme_id, m.scheme_type, m.m_start, m.m_end, m.hours, m.meetings, m.rematched,
    p.placement_date,
    cur.cur_stage, cur.cur_start, cur.cur_end
  FROM enrolments e
  LEFT JOIN m ON m.enrolment_id = e.enrolment_id AND m.rn = 1
  LEFT JOIN place p ON p.enrolment_id = e.enrolment_id
  LEFT JOIN cur ON cur.enrolment_id = e.enrolment_id
  WHERE e.intake_date <= ${dataDate}
)
SELECT *,
  outcome = 'no_show' AS no_show,
  follow_days >= ${info.mature_days} AS mature,
  outcome = 'dropped' AS dropped,
  outcome = 'completed' AS completed,
  CASE WHEN outcome = 'dropped' THEN end_day END AS drop_day,
  CASE WHEN outcome <> 'dropped' THEN NULL
    WHEN end_day < ${FW} THEN 'first_weeks'
    WHEN cur_stage IN ('gf1', 'gf2') AND (cur_end IS NULL OR outcome_date <= cur_end) THEN 'gf1_gf2'
    WHEN cur_stage = 'gf2' THEN 'school_to_apprenticeship'
    WHEN cur_stage = 'gf1' THEN 'gf1_gf2'
    WHEN cur_stage = 'laereplads' AND outcome_date - cur_start < ${PROB} THEN 'probation'
    WHEN cur_stage IN (${FINAL_STAGE_LIST}) THEN 'final_stretch'
    ELSE 'main_course' END AS drop_phase,
  scheme_type IS NOT NULL AS mentor_any,
  coalesce(scheme_type <> 'workplace', FALSE) AS mentor_intake,
  coalesce(scheme_type = 'workplace', FALSE) AS mentor_workplace,
  CASE WHEN placement_date IS NOT NULL THEN CAST(${dataDate} - placement_date AS INTEGER) END AS place_follow,
  CASE WHEN outcome = 'dropped' AND placement_date IS NOT NULL AND outcome_date >= placement_date
    THEN CAST(outcome_date - placement_date AS INTEGER) END AS place_drop_day,
  ${stratumSql(EFFECT_STRATA)} AS stratum,
  ${stratumSql(BENCHMARK_STRATA)} AS bench_stratum
FROM e
WHERE ${filterPredicate(filters)}`);
  // the one place where no-shows leave every survival and dropout population (they never started)
  // baseline risk (risk.ts): fitted once per connection on the whole warehouse, so a cohort's bands are the site's
  if (filterKey(filters) === filterKey({}) && !riskOf(con))
    await fitRiskModel(con, admitted, EFFECT_STRATA, "analysis_risk");
  else if (!riskOf(con)) await prepareBase(con, {});
  const risk = riskOf(con)!.table;
  const withRisk = `SELECT a.*, ${RISK_COLUMNS.map((c) => `r.${c}`).join(", ")} FROM ${admitted} a LEFT JOIN ${risk} r USING (enrolment_id)`;
  await con.run(`CREATE OR REPLACE TEMP VIEW ${enrol} AS ${withRisk} WHERE NOT a.no_show`);
  await con.run(`CREATE OR REPLACE TEMP VIEW ${noShows} AS ${withRisk} WHERE a.no_show`);

  const alive = (day: string) => `(outcome_date IS NULL OR outcome_date >= ${day})`;
  await con.run(`CREATE OR REPLACE TEMP TABLE ${phases} AS
WITH gf2_end AS (
  -- grundforløb completers waiting for a placement: gf2 ended, nothing started that day, still enrolled
  SELECT s.enrolment_id, min(s.end_date) AS entry_date
  FROM stage_events s JOIN ${enrol} b ON b.enrolment_id = s.enrolment_id
  WHERE s.stage = 'gf2' AND s.end_date IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM stage_events n WHERE n.enrolment_id = s.enrolment_id AND n.start_date = s.end_date AND n.stage <> 'gf2')
    AND (b.outcome_date IS NULL OR b.outcome_date > s.end_date)
  GROUP BY 1
),
school_main AS (
  SELECT enrolment_id, min(start_date) AS entry_date FROM stage_events WHERE stage IN ('skoleoplaering', 'hf_school') GROUP BY 1
),
last_stage AS (
  SELECT enrolment_id, min(start_date) AS entry_date FROM stage_events WHERE stage IN (${FINAL_STAGE_LIST}) GROUP BY 1
),
gf AS (
  SELECT DISTINCT enrolment_id FROM stage_events WHERE stage IN ('gf1', 'gf2')
),
entries AS (
  SELECT enrolment_id, 'first_weeks' AS phase, intake_date AS entry_date FROM ${enrol}
  UNION ALL
  SELECT b.enrolment_id, 'gf1_gf2', b.intake_date + ${FW} FROM ${enrol} b JOIN gf USING (enrolment_id)
  WHERE b.programme IN ('EUD', 'EUX') AND ${alive(`b.intake_date + ${FW}`)}
  UNION ALL
  SELECT enrolment_id, 'main_course', intake_date + ${FW} FROM ${enrol}
  WHERE programme NOT IN ('EUD', 'EUX') AND ${alive(`intake_date + ${FW}`)}
  UNION ALL
  SELECT enrolment_id, 'school_to_apprenticeship', entry_date FROM gf2_end
  UNION ALL
  SELECT enrolment_id, 'probation', placement_date FROM ${enrol} WHERE placement_date IS NOT NULL
  UNION ALL
  SELECT b.enrolment_id, 'main_course', least(
      CASE WHEN b.placement_date IS NOT NULL AND ${alive(`b.placement_date + ${PROB}`)} THEN b.placement_date + ${PROB} END,
      sm.entry_date)
  FROM ${enrol} b LEFT JOIN school_main sm USING (enrolment_id)
  WHERE b.programme IN ('EUD', 'EUX') AND (sm.entry_date IS NOT NULL OR b.placement_date IS NOT NULL)
  UNION ALL
  SELECT enrolment_id, 'final_stretch', entry_date FROM last_stage
)
SELECT b.enrolment_id, x.phase, x.entry_date,
  coalesce(b.drop_phase = x.phase, FALSE) AS dropped,
  coalesce(b.m_start <= x.entry_date, FALSE) AS mentor_at_entry,
  CASE WHEN b.m_start <= x.entry_date THEN b.scheme_type END AS scheme_type_at_entry,
  CASE WHEN b.m_start <= x.entry_date THEN b.scheme_id END AS scheme_id_at_entry,
  b.institution_id, b.programme, b.programme_group, b.main_area, b.intake_year, b.intake_date, b.placement_date, b.mature, b.mentor_any, b.stratum
FROM entries x JOIN ${enrol} b USING (enrolment_id)
WHERE x.entry_date IS NOT NULL AND x.entry_date <= ${dataDate}`);
  return {enrol, noShows, phases, info, filters};
}

// ---- Horizons ------------------------------------------------------------------

/**
 * Eligibility at a horizon (censoring): only enrolments followed for the whole
 * horizon count — intake (or placement) at least `days` before the data date;
 * "ever" = mature cohorts (followed at least the maturity horizon in force, info.mature_days).
 */
export function eligibleSql(horizon: HorizonKey, origin: Origin = "intake"): string {
  const days = horizonDays(horizon);
  if (origin === "placement") {
    return days === null
      ? "(placement_date IS NOT NULL AND mature)"
      : `(placement_date IS NOT NULL AND place_follow >= ${days})`;
  }
  return days === null ? "mature" : `(follow_days >= ${days})`;
}

/** The event at a horizon: dropout (completion) within `days` of the origin, or by the data date for "ever". */
export function eventSql(
  horizon: HorizonKey,
  measure: "dropout" | "completion" = "dropout",
  origin: Origin = "intake"
): string {
  const days = horizonDays(horizon);
  if (origin === "placement") {
    if (measure !== "dropout") throw new RangeError("placement origin: only dropout is defined");
    return days === null ? "(place_drop_day IS NOT NULL)" : `(place_drop_day IS NOT NULL AND place_drop_day < ${days})`;
  }
  const flag = measure === "dropout" ? "dropped" : "completed";
  return days === null ? `(${flag})` : `(${flag} AND end_day < ${days})`;
}

// ---- Comparison populations (who is compared with whom) ----------------------------

/**
 * Mentees and comparison students of one analysis target, with a stratum key
 * (columns: target, stratum, treated BOOLEAN, start_day, aligned BOOLEAN, plus
 * the enrolment columns).
 *
 * - Intake targets (scheme types other than workplace, named intake schemes,
 *   or "intake_all"): mentees = first mentorship in the target; comparison =
 *   no intake mentorship, enrolled in an (institution, programme) where the
 *   target has mentees, from the first intake year with a mentee there.
 *   Students who later get a workplace mentor stay in the comparison (status
 *   at intake).
 * - Workplace targets: among students who started a læreplads: mentees =
 *   workplace mentorship; comparison = no mentorship at all, in a (programme,
 *   main area) where the target has mentees, from the first placement year
 *   with a mentee there (landmark at the placement start).
 *
 * Mentors who start later than the origin (`start_day` = days from the origin
 * to the mentor's start, 0 when it starts on or before the origin): a mentee
 * was by definition still enrolled when the mentor started, so comparing
 * mentees from the origin with everyone who started would credit the mentor
 * with the weeks before it came (immortal-time bias, Suissa 2008, Am J
 * Epidemiol 167:492–499). Each comparison student therefore gets a
 * pseudo-start drawn from the start days of the target's mentees in the same
 * comparison unit (prescription-time distribution matching, Zhou et al. 2005,
 * Am J Epidemiol 162:1016–1023; a deterministic draw: a hash of the target
 * and the student's characteristics at the start, never of the outcome or of
 * the pseudonymised ids), and only those still enrolled and followed at that day
 * are compared (`aligned`). With every mentor starting at the origin nothing
 * changes. Outcomes stay counted from the origin, so the horizons keep their
 * meaning; nobody counted can have dropped out before their (pseudo-)start.
 *
 * `targetColumn` is "scheme_type" or "scheme_id"; with pooled = true all intake
 * mentees form one target "intake_all".
 */
export function comparisonSql(enrol: string, by: "scheme_type" | "scheme_id" | "intake_all"): string {
  const target = by === "intake_all" ? "'intake_all'" : by;
  // The draw is computed before the join, so the join is on equalities (a hash join, not units × mentees rows).
  // It hashes what the student was at the start, never the outcome or the pseudonymised ids: the same data
  // give the same estimates whatever hash key the ingest used (ties share a draw, which costs only precision).
  const drawKey =
    "concat_ws('|', target, intake_date, institution_id, programme, main_area, prior_band, age_band, gender, placement_date)";
  /**
   * Mentees, comparison units and comparison students of one origin, with the mentor's (pseudo-)start day and
   * whether the student was still enrolled and followed then (`aligned`).
   */
  const origin = (
    o: "intake" | "placement",
    spec: {
      unit: string[];
      originDate: string;
      year: (a: string) => string;
      mentees: string;
      comparison: string;
      aligned: (day: string, a: string) => string;
    }
  ) => {
    const unit = spec.unit.join(", ");
    const on = (x: string, y: string) => spec.unit.map((c) => `${x}.${c} = ${y}.${c}`).join(" AND ");
    const ctes = `
    mentees_${o} AS (SELECT ${target} AS target, TRUE AS treated, '${o}' AS origin, b.*,
        greatest(0, CAST(m_start - ${spec.originDate} AS INTEGER)) AS start_day
      FROM ${enrol} b WHERE ${spec.mentees}),
    units_${o} AS (SELECT target, ${unit}, min(${spec.year("")}) AS from_year, count(*) AS unit_k FROM mentees_${o} GROUP BY ALL),
    starts_${o} AS (SELECT target, ${unit}, start_day,
        CAST(row_number() OVER (PARTITION BY target, ${unit} ORDER BY start_day, enrolment_id) - 1 AS UBIGINT) AS i
      FROM mentees_${o}),
    comparison_${o} AS (SELECT u.target, u.unit_k, FALSE AS treated, '${o}' AS origin, b.* FROM ${enrol} b
      JOIN units_${o} u ON ${on("u", "b")} AND ${spec.year("b.")} >= u.from_year
      WHERE ${spec.comparison})`;
    const rows = `SELECT *, ${spec.aligned("start_day", "")} AS aligned FROM mentees_${o}
    UNION ALL BY NAME SELECT c.* EXCLUDE (unit_k, pick), s.start_day, ${spec.aligned("s.start_day", "c.")} AS aligned
    FROM (SELECT *, hash(${drawKey}) % CAST(unit_k AS UBIGINT) AS pick FROM comparison_${o}) c
    JOIN starts_${o} s ON s.target = c.target AND ${on("s", "c")} AND s.i = c.pick`;
    return {ctes, rows};
  };
  const intake = origin("intake", {
    unit: ["institution_id", "programme"],
    originDate: "intake_date",
    year: (a) => `${a}intake_year`,
    mentees: "mentor_intake",
    comparison: "NOT b.mentor_intake",
    aligned: (day, a) => `(${a}follow_days >= ${day} AND (${a}end_day IS NULL OR ${a}end_day >= ${day}))`
  });
  if (by === "intake_all") return `WITH ${intake.ctes} ${intake.rows}`;
  const place = origin("placement", {
    unit: ["programme", "main_area"],
    originDate: "placement_date",
    year: (a) => `year(${a}placement_date)`,
    mentees: "mentor_workplace AND placement_date IS NOT NULL",
    comparison: "NOT b.mentor_any AND b.placement_date IS NOT NULL",
    aligned: (day, a) =>
      `(${a}place_follow >= ${day} AND (${a}outcome_date IS NULL OR ${a}outcome_date >= ${a}placement_date + ${day}))`
  });
  return `WITH ${intake.ctes}, ${place.ctes} ${intake.rows}
    UNION ALL BY NAME ${place.rows}`;
}
