/**
 * Transition points: stage hazards with and without a mentor, the mentor
 * effect within each phase, Kaplan-Meier retention curves with log-rank tests,
 * and when each stage starts.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {PHASES, SCHEME_TYPES} from "../contract/contract.ts";
import {
  kaplanMeierByGroup, logRankFromTable, logRankTableFromSurvival, stageHazards, stageHazardSql, survivalTableSql,
  type SurvivalTableRowInput
} from "../stats/index.ts";
import {standardisedDifference, type StandardisationStratum} from "../stats/standardised-difference.ts";
import {query} from "../warehouse.ts";
import {difference, num, PROGRAMME_GROUPS} from "./common.ts";
import {prepareBase} from "./sql/base.ts";
import {sliceUnnest, type IntakePeriod} from "./slices.ts";
import type {CohortFilters, CurvePoint, HazardRow, LogRankRow, PhaseEffectRow, PhaseKey, ProgrammeGroup, SchemeTypeKey, StageTimingRow} from "./types.ts";

export interface SliceOptions {
  /** Also split by main area (vocational) and by these intake periods (see slices.ts); default: programme group only. */
  periods?: readonly IntakePeriod[];
}

/**
 * P(drop out in phase k | entered phase k), by mentor status at the phase
 * start ("with": a mentorship had started by then), scheme type and programme
 * group, with Wilson intervals. Counted with the stats SQL path
 * (`stageHazardSql`, long layout). Censoring: only cohorts with ≥ 5 years of
 * follow-up (mature), so nearly every phase entered has been completed or left.
 */
export async function stageHazardTable(con: DuckDBConnection, filters: CohortFilters = {}, {periods}: SliceOptions = {}): Promise<HazardRow[]> {
  const base = await prepareBase(con, filters);
  const relation = `SELECT concat_ws('|', CASE WHEN p.mentor_at_entry THEN 'with' ELSE 'without' END, t.ty, pg, area, period, p.phase) AS stage, p.dropped
    FROM ${base.phases} p,
      unnest(CASE WHEN p.mentor_at_entry THEN ['all', p.scheme_type_at_entry] ELSE ['all'] END) AS t(ty),
      ${sliceUnnest("p", periods ?? null)}
    WHERE p.mature`;
  const counts = await query<{stage: string; entered: number; dropped: number}>(con, stageHazardSql(relation, {layout: "long"}));
  const out: HazardRow[] = [];
  for (const h of stageHazards(counts)) {
    const [mentor, type, programme, main_area, period, phase] = h.stage.split("|");
    out.push({
      phase: phase as PhaseKey, mentor: mentor as HazardRow["mentor"], scheme_type: type as HazardRow["scheme_type"],
      programme: programme as ProgrammeGroup, main_area, period,
      entered: h.entered, dropped: h.dropped, hazard: num(h.hazard), hazard_lower: num(h.lower), hazard_upper: num(h.upper)
    });
  }
  // Stable order: slice, phase, then without / with all / with each type.
  const order = (r: HazardRow) => [PROGRAMME_GROUPS.indexOf(r.programme), r.main_area, r.period, PHASES.indexOf(r.phase), r.mentor === "without" ? -2 : r.scheme_type === "all" ? -1 : SCHEME_TYPES.indexOf(r.scheme_type as SchemeTypeKey)];
  return out.sort((a, b) => {
    const x = order(a), y = order(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
  });
}

/**
 * Within each phase, does a mentor go with a lower hazard? Among students who
 * entered the phase (mature cohorts): with a mentor at the phase start (all
 * types, or one scheme type) vs without one, in the institutions × programmes
 * where the type has mentees (workplace: apprentices in its programmes × main
 * areas). Naive: crude hazard difference (Newcombe). Adjusted: direct
 * standardisation to the mentored entrants over the risk strata. Conditional
 * on entering the phase (which a mentor may itself affect) — read as "among
 * those who reached this point".
 */
export async function phaseEffects(con: DuckDBConnection, filters: CohortFilters = {}): Promise<PhaseEffectRow[]> {
  const base = await prepareBase(con, filters);
  const rows = await query<{target: string; phase: PhaseKey; stratum: string; treated: boolean; n: number; x: number}>(con, `
    WITH intake_units AS (
      SELECT scheme_type AS target, institution_id, programme, min(intake_year) AS from_year
        FROM ${base.enrol} WHERE mentor_intake GROUP BY ALL
      UNION ALL
      SELECT 'all', institution_id, programme, min(intake_year) FROM ${base.enrol} WHERE mentor_intake GROUP BY ALL
    ),
    place_units AS (
      SELECT t.target, programme, main_area, min(year(placement_date)) AS from_year
        FROM ${base.enrol}, (VALUES ('workplace'), ('all')) AS t(target) WHERE mentor_workplace AND placement_date IS NOT NULL GROUP BY ALL
    ),
    targets AS (SELECT DISTINCT target FROM intake_units UNION SELECT DISTINCT target FROM place_units),
    -- entrants collapsed to cells first (far fewer rows than entrants)
    pc AS (
      SELECT phase, stratum, institution_id, programme, main_area, intake_year, year(placement_date) AS placement_year,
        mentor_at_entry, mentor_any, scheme_type_at_entry, count(*) AS n, count(*) FILTER (WHERE dropped) AS x
      FROM ${base.phases} WHERE mature GROUP BY ALL
    ),
    treated AS (
      SELECT 'all' AS target, phase, stratum, n, x FROM pc WHERE mentor_at_entry
      UNION ALL
      SELECT scheme_type_at_entry, phase, stratum, n, x FROM pc WHERE mentor_at_entry
    ),
    controls AS (
      SELECT t.target, pc.phase, pc.stratum, pc.n, pc.x
      FROM pc CROSS JOIN targets t
      LEFT JOIN intake_units iu ON iu.target = t.target AND iu.institution_id = pc.institution_id AND iu.programme = pc.programme
      LEFT JOIN place_units pu ON pu.target = t.target AND pu.programme = pc.programme AND pu.main_area = pc.main_area
      WHERE NOT pc.mentor_at_entry
        AND ((iu.target IS NOT NULL AND pc.intake_year >= iu.from_year)
          OR (pu.target IS NOT NULL AND NOT pc.mentor_any AND pc.placement_year >= pu.from_year))
    )
    SELECT target, phase, stratum, TRUE AS treated, sum(n) AS n, sum(x) AS x FROM treated GROUP BY ALL
    UNION ALL
    SELECT target, phase, stratum, FALSE, sum(n), sum(x) FROM controls GROUP BY ALL`);
  const groups = new Map<string, {strata: Map<string, StandardisationStratum>; x1: number; n1: number; x0: number; n0: number}>();
  for (const r of rows) {
    const key = `${r.target}|${r.phase}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = {strata: new Map(), x1: 0, n1: 0, x0: 0, n0: 0}));
    let s = g.strata.get(r.stratum);
    if (!s) g.strata.set(r.stratum, (s = {x1: 0, n1: 0, x0: 0, n0: 0}));
    if (r.treated) {
      s.x1 += r.x; s.n1 += r.n; g.x1 += r.x; g.n1 += r.n;
    } else {
      s.x0 += r.x; s.n0 += r.n; g.x0 += r.x; g.n0 += r.n;
    }
  }
  const out: PhaseEffectRow[] = [];
  for (const phase of PHASES) {
    for (const type of ["all", ...SCHEME_TYPES] as const) {
      const g = groups.get(`${type}|${phase}`);
      if (!g || g.n1 === 0) continue;
      const naive = difference(g.x1, g.n1, g.x0, g.n0);
      const strata = [...g.strata.values()].filter((s) => s.n1 > 0);
      const a = standardisedDifference(strata, {estimand: "sample"});
      out.push({
        phase, scheme_type: type as PhaseEffectRow["scheme_type"],
        entered_with: g.n1, dropped_with: g.x1, entered_without: g.n0, dropped_without: g.x0,
        naive: naive.diff, naive_lower: naive.lower, naive_upper: naive.upper,
        adjusted: num(a.estimate), adjusted_lower: num(a.lower), adjusted_upper: num(a.upper),
        support_share: num(a.supportShare)
      });
    }
  }
  return out;
}

/** Which transition point starts when a stage starts (null: none). */
const STAGE_PHASE: Record<string, PhaseKey | null> = {
  gf2: "gf1_gf2",
  gf2_end: "school_to_apprenticeship",
  laereplads: "probation",
  skoleoplaering: "main_course",
  hf_school: "main_course",
  final: "final_stretch",
  g1: "main_course",
  g2: null,
  g3: "final_stretch",
  completion: null
};

/**
 * When does each transition come? Days from intake at which each stage starts
 * (median and quartiles), among enrolments that entered it after the intake
 * day (a stage begun at intake is not a transition), plus "gf2_end" — the end
 * of the grundforløb for those still enrolled, where school → apprenticeship
 * begins. Per programme group.
 */
export async function stageTiming(con: DuckDBConnection, filters: CohortFilters = {}): Promise<StageTimingRow[]> {
  const base = await prepareBase(con, filters);
  const rows = await query<{programme: ProgrammeGroup; stage: string; entered: number; median_day: number; q1_day: number; q3_day: number}>(con, `
    WITH starts AS (
      SELECT b.programme_group, s.stage, CAST(s.start_date - b.intake_date AS INTEGER) AS day
        FROM stage_events s JOIN ${base.enrol} b ON b.enrolment_id = s.enrolment_id WHERE s.start_date > b.intake_date
      UNION ALL
      SELECT b.programme_group, 'gf2_end', CAST(p.entry_date - b.intake_date AS INTEGER)
        FROM ${base.phases} p JOIN ${base.enrol} b ON b.enrolment_id = p.enrolment_id WHERE p.phase = 'school_to_apprenticeship'
    )
    SELECT programme_group AS programme, stage, count(*) AS entered,
      round(quantile_cont(day, 0.5)) AS median_day, round(quantile_cont(day, 0.25)) AS q1_day, round(quantile_cont(day, 0.75)) AS q3_day
    FROM starts GROUP BY ALL ORDER BY programme, median_day`);
  return rows.map((r) => ({
    programme: r.programme, stage: r.stage, phase: STAGE_PHASE[r.stage] ?? null,
    entered: r.entered, median_day: num(r.median_day), q1_day: num(r.q1_day), q3_day: num(r.q3_day)
  }));
}

/** A Kaplan-Meier row with its curve identity, before the privacy gate thins it out (and drops the event counts). */
export type CurveRow = Omit<CurvePoint, "at_risk" | "suppressed"> & {events: number; at_risk: number};

/**
 * Retention curves (share not dropped out, Kaplan-Meier with Greenwood log
 * intervals) per programme group (and, with `periods`, per main area and
 * intake period): with vs without a mentor from intake (set "mentor"), per
 * intake scheme type vs none (set "scheme_type"), and apprentices with vs
 * without a workplace mentor from the læreplads start (set "workplace").
 * Time = days from the origin to dropout; everyone else is censored at the
 * data date (completers and transfers stay in the risk set, so 1 − S(t) is
 * the share dropped out by t under administrative censoring only). Crude
 * (unadjusted). One `survivalTableSql` query in DuckDB for every curve; the
 * curves with `kaplanMeierByGroup` and the log-rank tests with
 * `logRankFromTable` over the same tables (`logRankTableFromSurvival`), so
 * the data are scanned once.
 */
export async function retentionCurves(con: DuckDBConnection, filters: CohortFilters = {}, {periods}: SliceOptions = {}): Promise<{curves: CurveRow[]; logRank: LogRankRow[]}> {
  const base = await prepareBase(con, filters);
  const relation = `
    SELECT s.set_name, s.grp, g.pg AS programme, area AS main_area, period, s.time, s.event FROM (
      SELECT 'mentor' AS set_name, CASE WHEN mentor_intake THEN 'with' ELSE 'without' END AS grp, programme_group, main_area, intake_year,
        coalesce(drop_day, follow_days) AS time, dropped AS event FROM ${base.enrol}
      UNION ALL
      SELECT 'scheme_type', CASE WHEN mentor_intake THEN scheme_type ELSE 'none' END, programme_group, main_area, intake_year,
        coalesce(drop_day, follow_days), dropped FROM ${base.enrol}
      UNION ALL
      SELECT 'workplace', CASE WHEN mentor_workplace THEN 'workplace' ELSE 'none' END, programme_group, main_area, intake_year,
        coalesce(place_drop_day, place_follow), place_drop_day IS NOT NULL FROM ${base.enrol}
        WHERE placement_date IS NOT NULL AND (mentor_workplace OR NOT mentor_any)
    ) s, ${sliceUnnest("s", periods ?? null)}`;
  const curveKey = ["set_name", "programme", "main_area", "period"];
  const table = await query<SurvivalTableRowInput & {set_name: string; grp: string; programme: string; main_area: string; period: string}>(con,
    survivalTableSql(relation, {groupBy: [...curveKey, "grp"]}));
  const curves: CurveRow[] = [];
  const tests = new Map<string, {id: Record<string, unknown>; tables: Map<string, SurvivalTableRowInput[]>}>();
  for (const {group, rows} of kaplanMeierByGroup(table, [...curveKey, "grp"])) {
    const set = group.set_name as CurveRow["set"];
    for (const r of rows) {
      curves.push({
        set, group: String(group.grp), programme: group.programme as ProgrammeGroup, main_area: String(group.main_area), period: String(group.period),
        origin: set === "workplace" ? "placement" : "intake",
        time: r.time, events: r.events, at_risk: r.atRisk, survival: num(r.survival), lower: num(r.lower), upper: num(r.upper)
      });
    }
  }
  for (const r of table) {
    const key = curveKey.map((c) => r[c as keyof typeof r]).join("|");
    let test = tests.get(key);
    if (!test) tests.set(key, (test = {id: Object.fromEntries(curveKey.map((c) => [c, r[c as keyof typeof r]])), tables: new Map()}));
    let rows = test.tables.get(r.grp);
    if (!rows) test.tables.set(r.grp, (rows = []));
    rows.push(r);
  }
  const logRank: LogRankRow[] = [];
  for (const {id, tables} of tests.values()) {
    if (tables.size < 2) continue;
    const result = logRankFromTable(logRankTableFromSurvival(tables));
    logRank.push({
      set: id.set_name as LogRankRow["set"], programme: id.programme as ProgrammeGroup, main_area: String(id.main_area), period: String(id.period),
      groups: result.groups.join(","), chi_square: num(result.chiSquare), df: result.df || null, p_value: num(result.pValue)
    });
  }
  return {curves, logRank};
}

export type {SchemeTypeKey};
