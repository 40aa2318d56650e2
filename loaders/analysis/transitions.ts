/**
 * Transition points: stage hazards with and without a mentor, the mentor
 * effect within each phase, Kaplan-Meier retention curves with log-rank tests,
 * and when each stage starts.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {PHASES, SCHEME_TYPES} from "../contract/contract.ts";
import {
  kaplanMeierByGroup,
  lifeTable,
  logRankFromTable,
  logRankTableFromSurvival,
  stageHazards,
  stageHazardSql,
  survivalTableSql,
  type SurvivalTableRowInput
} from "../stats/index.ts";
import {standardisedDifference, type StandardisationStratum} from "../stats/standardised-difference.ts";
import {query} from "../warehouse.ts";
import {difference, num, PROGRAMME_GROUPS} from "./common.ts";
import {bandEnd, bandValuesSql, survivalStart, type CurveBandCounts} from "./curve-bands.ts";
import {prepareBase} from "./sql/base.ts";
import {sliceUnnest, type IntakePeriod} from "./slices.ts";
import type {
  CohortFilters,
  CurveBand,
  CurvePoint,
  HazardRow,
  LogRankRow,
  PhaseEffectRow,
  PhaseKey,
  ProgrammeGroup,
  SchemeTypeKey,
  StageTimingRow
} from "./types.ts";

export interface SliceOptions {
  /** Also split by main area (vocational) and by these intake periods (see slices.ts); default: programme group only. */
  periods?: readonly IntakePeriod[];
}

/**
 * P(drop out in phase k | entered phase k), by mentor status at the phase
 * start ("with": a mentorship had started by then), scheme type and programme
 * group, with Wilson intervals. Counted with the stats SQL path
 * (`stageHazardSql`, long layout). Censoring: only mature cohorts (followed
 * at least the maturity horizon, loaders/horizons.ts), so nearly every phase
 * entered has been completed or left.
 */
export async function stageHazardTable(
  con: DuckDBConnection,
  filters: CohortFilters = {},
  {periods}: SliceOptions = {}
): Promise<HazardRow[]> {
  const base = await prepareBase(con, filters);
  const relation = `SELECT concat_ws('|', CASE WHEN p.mentor_at_entry THEN 'with' ELSE 'without' END, t.ty, pg, area, period, p.phase) AS stage, p.dropped
    FROM ${base.phases} p,
      unnest(CASE WHEN p.mentor_at_entry THEN ['all', p.scheme_type_at_entry] ELSE ['all'] END) AS t(ty),
      ${sliceUnnest("p", periods ?? null)}
    WHERE p.mature`;
  const counts = await query<{stage: string; entered: number; dropped: number}>(
    con,
    stageHazardSql(relation, {layout: "long"})
  );
  const out: HazardRow[] = [];
  for (const h of stageHazards(counts)) {
    const [mentor, type, programme, main_area, period, phase] = h.stage.split("|");
    out.push({
      phase: phase as PhaseKey,
      mentor: mentor as HazardRow["mentor"],
      scheme_type: type as HazardRow["scheme_type"],
      programme: programme as ProgrammeGroup,
      main_area,
      period,
      entered: h.entered,
      dropped: h.dropped,
      hazard: num(h.hazard),
      hazard_lower: num(h.lower),
      hazard_upper: num(h.upper)
    });
  }
  // Stable order: slice, phase, then without / with all / with each type.
  const order = (r: HazardRow) => [
    PROGRAMME_GROUPS.indexOf(r.programme),
    r.main_area,
    r.period,
    PHASES.indexOf(r.phase),
    r.mentor === "without" ? -2 : r.scheme_type === "all" ? -1 : SCHEME_TYPES.indexOf(r.scheme_type as SchemeTypeKey)
  ];
  return out.sort((a, b) => {
    const x = order(a),
      y = order(b);
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
  const rows = await query<{target: string; phase: PhaseKey; stratum: string; treated: boolean; n: number; x: number}>(
    con,
    `
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
    SELECT target, phase, stratum, FALSE, sum(n), sum(x) FROM controls GROUP BY ALL`
  );
  const groups = new Map<
    string,
    {strata: Map<string, StandardisationStratum>; x1: number; n1: number; x0: number; n0: number}
  >();
  for (const r of rows) {
    const key = `${r.target}|${r.phase}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = {strata: new Map(), x1: 0, n1: 0, x0: 0, n0: 0}));
    let s = g.strata.get(r.stratum);
    if (!s) g.strata.set(r.stratum, (s = {x1: 0, n1: 0, x0: 0, n0: 0}));
    if (r.treated) {
      s.x1 += r.x;
      s.n1 += r.n;
      g.x1 += r.x;
      g.n1 += r.n;
    } else {
      s.x0 += r.x;
      s.n0 += r.n;
      g.x0 += r.x;
      g.n0 += r.n;
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
        phase,
        scheme_type: type as PhaseEffectRow["scheme_type"],
        entered_with: g.n1,
        dropped_with: g.x1,
        entered_without: g.n0,
        dropped_without: g.x0,
        naive: naive.diff,
        naive_lower: naive.lower,
        naive_upper: naive.upper,
        adjusted: num(a.estimate),
        adjusted_lower: num(a.lower),
        adjusted_upper: num(a.upper),
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
  hf2: "final_stretch",
  // FGU: a track started after the basisforløb is no transition point of its own
  agu: null,
  pgu: null,
  egu: null,
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
  const rows = await query<{
    programme: ProgrammeGroup;
    stage: string;
    entered: number;
    median_day: number;
    q1_day: number;
    q3_day: number;
  }>(
    con,
    `
    WITH starts AS (
      SELECT b.programme_group, s.stage, CAST(s.start_date - b.intake_date AS INTEGER) AS day
        FROM stage_events s JOIN ${base.enrol} b ON b.enrolment_id = s.enrolment_id WHERE s.start_date > b.intake_date
      UNION ALL
      SELECT b.programme_group, 'gf2_end', CAST(p.entry_date - b.intake_date AS INTEGER)
        FROM ${base.phases} p JOIN ${base.enrol} b ON b.enrolment_id = p.enrolment_id WHERE p.phase = 'school_to_apprenticeship'
    )
    SELECT programme_group AS programme, stage, count(*) AS entered,
      round(quantile_cont(day, 0.5)) AS median_day, round(quantile_cont(day, 0.25)) AS q1_day, round(quantile_cont(day, 0.75)) AS q3_day
    FROM starts GROUP BY ALL ORDER BY programme, median_day`
  );
  return rows.map((r) => ({
    programme: r.programme,
    stage: r.stage,
    phase: STAGE_PHASE[r.stage] ?? null,
    entered: r.entered,
    median_day: num(r.median_day),
    q1_day: num(r.q1_day),
    q3_day: num(r.q3_day)
  }));
}

/** A Kaplan-Meier row with its curve identity, before the privacy gate thins it out (and drops the event counts). */
export type CurveRow = Omit<CurvePoint, "at_risk" | "suppressed"> & {events: number; at_risk: number};

/**
 * One row per curve observation: set_name, grp, programme, main_area, period
 * (each row repeated for every slice it belongs to), time (days from the
 * origin to dropout or censoring) and event (dropped out).
 */
function curveRelation(base: {enrol: string}, periods: readonly IntakePeriod[] | null): string {
  return `
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
    ) s, ${sliceUnnest("s", periods)}`;
}

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
export async function retentionCurves(
  con: DuckDBConnection,
  filters: CohortFilters = {},
  {periods}: SliceOptions = {}
): Promise<{curves: CurveRow[]; logRank: LogRankRow[]}> {
  const base = await prepareBase(con, filters);
  const relation = curveRelation(base, periods ?? null);
  const curveKey = ["set_name", "programme", "main_area", "period"];
  const table = await query<
    SurvivalTableRowInput & {set_name: string; grp: string; programme: string; main_area: string; period: string}
  >(con, survivalTableSql(relation, {groupBy: [...curveKey, "grp"]}));
  const curves: CurveRow[] = [];
  const tests = new Map<string, {id: Record<string, unknown>; tables: Map<string, SurvivalTableRowInput[]>}>();
  for (const {group, rows} of kaplanMeierByGroup(table, [...curveKey, "grp"])) {
    const set = group.set_name as CurveRow["set"];
    for (const r of rows) {
      curves.push({
        set,
        group: String(group.grp),
        programme: group.programme as ProgrammeGroup,
        main_area: String(group.main_area),
        period: String(group.period),
        origin: set === "workplace" ? "placement" : "intake",
        time: r.time,
        events: r.events,
        at_risk: r.atRisk,
        survival: num(r.survival),
        lower: num(r.lower),
        upper: num(r.upper)
      });
    }
  }
  for (const r of table) {
    const key = curveKey.map((c) => r[c as keyof typeof r]).join("|");
    let test = tests.get(key);
    if (!test)
      tests.set(
        key,
        (test = {id: Object.fromEntries(curveKey.map((c) => [c, r[c as keyof typeof r]])), tables: new Map()})
      );
    let rows = test.tables.get(r.grp);
    if (!rows) test.tables.set(r.grp, (rows = []));
    rows.push(r);
  }
  const logRank: LogRankRow[] = [];
  for (const {id, tables} of tests.values()) {
    if (tables.size < 2) continue;
    const result = logRankFromTable(logRankTableFromSurvival(tables));
    logRank.push({
      set: id.set_name as LogRankRow["set"],
      programme: id.programme as ProgrammeGroup,
      main_area: String(id.main_area),
      period: String(id.period),
      groups: result.groups.join(","),
      chi_square: num(result.chiSquare),
      df: result.df || null,
      p_value: num(result.pValue)
    });
  }
  return {curves, logRank};
}

/**
 * Life-table band counts of every site curve (the sets, groups, slices and
 * origins of `retentionCurves`), counted in DuckDB: per curve and band of
 * CURVE_BANDS (curve-bands.ts), at_risk (time ≥ band start), events (dropouts
 * in the band) and censored (others leaving in the band). One row per band
 * from 0 up to the last band with anyone at risk (zero counts included).
 * These rows go through the counts gate (`curveCountsSpec`); the curves are
 * then computed from the published counts only (`lifeTableCurves`).
 */
export async function lifeTableCounts(
  con: DuckDBConnection,
  filters: CohortFilters = {},
  {periods}: SliceOptions = {}
): Promise<CurveBandCounts[]> {
  const base = await prepareBase(con, filters);
  const key = "set_name, grp, programme, main_area, period";
  const rows = await query<{
    set_name: string;
    grp: string;
    programme: string;
    main_area: string;
    period: string;
    time: number;
    time_end: number | null;
    at_risk: number;
    events: number;
    censored: number;
  }>(
    con,
    `
    WITH obs AS (${curveRelation(base, periods ?? null)}),
    bands AS (SELECT * FROM (VALUES ${bandValuesSql()}) AS b(band_start, band_end)),
    checked AS (
      SELECT *, CASE WHEN time IS NULL OR time < 0 THEN error('curve time must be a non-negative number of days') END AS _ok FROM obs
    ),
    per_band AS (
      SELECT ${key}, b.band_start, count(*) AS n, count(*) FILTER (WHERE event) AS events
      FROM checked o JOIN bands b ON o.time >= b.band_start AND (b.band_end IS NULL OR o.time < b.band_end)
      GROUP BY ALL
    ),
    grid AS (
      SELECT c.*, b.band_start, b.band_end FROM (SELECT DISTINCT ${key} FROM per_band) c CROSS JOIN bands b
    ),
    filled AS (
      SELECT g.*, coalesce(p.n, 0) AS n, coalesce(p.events, 0) AS events,
        sum(coalesce(p.n, 0)) OVER (PARTITION BY ${key
          .split(", ")
          .map((c) => `g.${c}`)
          .join(", ")} ORDER BY g.band_start DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS at_risk
      FROM grid g LEFT JOIN per_band p USING (${key}, band_start)
    )
    SELECT ${key}, band_start AS time, band_end AS time_end,
      CAST(at_risk AS INTEGER) AS at_risk, CAST(events AS INTEGER) AS events, CAST(n - events AS INTEGER) AS censored
    FROM filled WHERE at_risk > 0
    ORDER BY ${key}, time`
  );
  return rows.map((r) => ({
    set: r.set_name as CurveBand["set"],
    group: r.grp,
    programme: r.programme as ProgrammeGroup,
    main_area: r.main_area,
    period: r.period,
    origin: r.set_name === "workplace" ? "placement" : "intake",
    time: r.time,
    time_end: r.time_end,
    at_risk: r.at_risk,
    events: r.events,
    censored: r.censored
  }));
}

const curveId = (r: Pick<CurveBand, "set" | "group" | "programme" | "main_area" | "period" | "origin">) =>
  JSON.stringify([r.set, r.group, r.programme, r.main_area, r.period, r.origin]);
const round4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : null);

/**
 * The site's curves from GATED band counts (the output of `publish` with
 * `curveCountsSpec`), and nothing else: per curve, bands in time order, the
 * actuarial life table (`lifeTable`, Greenwood log limits) of the published
 * at_risk, events and censored, from the curve's `survivalStart` (the
 * landmark, day 42, for the curves from the intake: S = 1 there; the bands
 * before it keep their counts and have no survival).
 *
 * A curve stops at its first band j where a count is hidden (null) — or where
 * the next band's at_risk is hidden, since at_risk − events − censored of
 * band j would give it away. Band j's row keeps at_risk as published, its
 * events and censored are withheld (listed in `suppressed`), and it has no
 * survival; later bands are not published. So every published survival,
 * lower and upper is a function of published counts only, and the stop
 * tells no more than that a count there is hidden.
 *
 * survival/lower/upper describe the end of the band (time_end) and are
 * rounded to 4 decimals; the last, open band has none (it has no end).
 */
export function lifeTableCurves(gated: readonly Omit<CurveBand, "survival" | "lower" | "upper">[]): CurveBand[] {
  const curves = new Map<string, (typeof gated)[number][]>();
  for (const r of gated) {
    const id = curveId(r);
    let list = curves.get(id);
    if (!list) curves.set(id, (list = []));
    list.push(r);
  }
  const out: CurveBand[] = [];
  for (const list of curves.values()) {
    const rows = [...list].sort((a, b) => a.time - b.time);
    const complete: {atRisk: number; events: number; censored: number}[] = [];
    let stop = -1;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const next = rows[i + 1];
      if (i > 0 && bandEnd(rows[i - 1].time) !== r.time)
        throw new Error(`curve ${curveId(r)}: band ${r.time} does not follow band ${rows[i - 1].time}`);
      if (
        r.at_risk === null ||
        r.events === null ||
        r.censored === null ||
        (next !== undefined && next.at_risk === null)
      ) {
        stop = i;
        break;
      }
      complete.push({atRisk: r.at_risk, events: r.events, censored: r.censored});
    }
    // the survival starts at the curve's landmark (day 0 for the curves from the placement): bands before it have counts only
    const from = rows.findIndex((r) => r.time >= survivalStart(rows[0]));
    const table = from < 0 ? [] : lifeTable(complete.slice(from));
    const upto = stop < 0 ? rows.length : stop + 1;
    for (let i = 0; i < upto; i++) {
      const {suppressed: hidden = [], ...r} = rows[i];
      if (i === stop) {
        const gone = new Set([...hidden, "events", "censored", "survival", "lower", "upper"]);
        out.push({
          ...r,
          events: null,
          censored: null,
          survival: null,
          lower: null,
          upper: null,
          suppressed: [...gone].sort()
        });
        continue;
      }
      if (from < 0 || i < from) {
        out.push({...r, survival: null, lower: null, upper: null, ...(hidden.length ? {suppressed: hidden} : {})});
        continue;
      }
      const lt = table[i - from];
      const open = r.time_end === null;
      out.push({
        ...r,
        survival: open ? null : round4(lt.survival),
        lower: open ? null : round4(lt.lower),
        upper: open ? null : round4(lt.upper),
        ...(hidden.length ? {suppressed: hidden} : {})
      });
    }
  }
  return out;
}

/**
 * Log-rank tests between the groups of each curve set and slice, from the
 * published band counts only (grouped data: at_risk at each band start and
 * the band's dropouts, `logRankFromTable`). A set is tested only when every
 * group's curve is published to its end (no hidden count); otherwise no row.
 */
export function curveLogRank(curves: readonly CurveBand[]): LogRankRow[] {
  const sets = new Map<string, {id: CurveBand; groups: Map<string, CurveBand[]>}>();
  for (const c of curves) {
    if (c.time < survivalStart(c)) continue; // the test compares the curves as drawn: from their landmark
    const key = JSON.stringify([c.set, c.programme, c.main_area, c.period]);
    let s = sets.get(key);
    if (!s) sets.set(key, (s = {id: c, groups: new Map()}));
    let g = s.groups.get(c.group);
    if (!g) s.groups.set(c.group, (g = []));
    g.push(c);
  }
  const out: LogRankRow[] = [];
  for (const {id, groups} of sets.values()) {
    if (groups.size < 2) continue;
    if (
      [...groups.values()].some((rows) =>
        rows.some((r) => r.at_risk === null || r.events === null || r.censored === null)
      )
    )
      continue;
    const times = [...new Set([...groups.values()].flatMap((rows) => rows.map((r) => r.time)))].sort((a, b) => a - b);
    const table: {grp: string; time: number; at_risk: number; events: number}[] = [];
    for (const [grp, rows] of groups) {
      const at = new Map(rows.map((r) => [r.time, r]));
      for (const time of times)
        table.push({grp, time, at_risk: at.get(time)?.at_risk ?? 0, events: at.get(time)?.events ?? 0});
    }
    const result = logRankFromTable(table);
    out.push({
      set: id.set,
      programme: id.programme,
      main_area: id.main_area,
      period: id.period,
      groups: result.groups.join(","),
      chi_square: num(result.chiSquare),
      df: result.df || null,
      p_value: num(result.pValue)
    });
  }
  return out;
}

export type {SchemeTypeKey};
