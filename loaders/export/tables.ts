/**
 * The aggregated tables of a researcher export, computed in DuckDB on the
 * analysis layer's per-enrolment base tables (`prepareBase`), gated by the
 * privacy gate (`publish`, one `PublicationRegistry` per export, coarse tables
 * first), with the SQL that produced each (recorded from the connection):
 *
 * - outcomes_by_mentor, outcomes: status at the data date and dropouts per
 *   transition point, by scheme type (first mentorship; "none") and, in
 *   `outcomes`, by the covariate cells;
 * - stage_hazards: `stageHazardTable` of the analysis layer (phase × mentor at
 *   the phase start × scheme type × programme group, Wilson limits);
 * - survival, log_rank: the analysis layer's retention curves
 *   (`retentionCurves`: `survivalTableSql` in DuckDB) for the whole cohort;
 *   the daily survival table is merged into intervals that can be published
 *   with their counts (`coarsenSurvivalTable`) and the Kaplan-Meier estimate
 *   is computed on it with `kaplanMeierFromTable`;
 * - person_period: at risk and dropouts per period from intake × covariate
 *   cell × mentor status at the period start (discrete-time hazard cells).
 *
 * Definitions (mentor status, phase of a dropout, data date, censoring) are
 * the analysis layer's (loaders/analysis/README.md).
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {PHASES} from "../contract/contract.ts";
import {num} from "../analysis/common.ts";
import {prepareBase, type Base} from "../analysis/sql/base.ts";
import {retentionCurves, stageHazardTable} from "../analysis/transitions.ts";
import {OUTCOME_COUNTS_SQL} from "../analysis/process.ts";
import {hazardSpec, rateCols} from "../analysis/site.ts";
import type {CohortFilters} from "../analysis/types.ts";
import {publish, PublicationRegistry, type CountColumn, type Row, type Value} from "../privacy/index.ts";
import {kaplanMeierFromTable, quoteIdentifier} from "../stats/index.ts";
import {query} from "../warehouse.ts";
import {periodBreaks, type Covariate, type PeriodSpec} from "./cohort-args.ts";
import {coarsenSurvivalTable, guardPeriodChains, type PeriodRow, type SurvivalCounts} from "./coarsen.ts";
import {recordSql, sqlFile} from "./sql-recorder.ts";

/** One exported table: gated rows (the `suppressed` flag as text), its columns in file order and its SQL. */
export interface ExportTable {
  name: string;
  columns: string[];
  rows: Record<string, Value>[];
  /** Contents of sql/<name>.sql. */
  sql: string;
  /** Number of values hidden by the privacy gate. */
  suppressedCells: number;
}

export interface TableOptions {
  /** Cells of the outcome table (besides the scheme type). */
  strata: readonly Covariate[];
  /** Cells of the person-period table (besides period and scheme type at the period start). */
  covariates: readonly Covariate[];
  /** Periods of the person-period cells. */
  periods: PeriodSpec;
  minCell: number;
}

export interface BuiltTables {
  tables: ExportTable[];
  /** Enrolments in the cohort (not published). */
  enrolments: number;
  /** The base-table SQL (sql/base.sql). */
  baseSql: string;
  base: Base;
  /** Survival groups left out (fewer than minCell individuals or events). */
  omitted: string[];
  /** Breakpoints of the person-period periods (days from intake). */
  periodBreaks: number[];
  /** How much of person_period the privacy gate hid (shares of all dropouts / person-periods). */
  personPeriodHidden: {dropouts_in_cells_with_hidden_events: number | null; person_periods_in_cells_with_hidden_at_risk: number | null};
}

const OUTCOMES = ["completed", "dropped", "transferred", "ongoing"] as const;
const BASE_NOTE = "Runs on the TEMP tables created by sql/base.sql (the analysis layer's per-enrolment base tables).";

/** Gated rows → export rows: `suppressed` as "a;b" text (empty when nothing is hidden), columns in order. */
function finish(name: string, columns: string[], gated: readonly Record<string, unknown>[], sql: string): ExportTable {
  let suppressedCells = 0;
  const rows = gated.map((r) => {
    const hidden = (r.suppressed as string[] | undefined) ?? [];
    suppressedCells += hidden.length;
    const out: Record<string, Value> = {};
    for (const c of columns) out[c] = c === "suppressed" ? hidden.join(";") : ((r[c] ?? null) as Value);
    return out;
  });
  return {name, columns, rows, sql, suppressedCells};
}

const mentorOf = (schemeType: string) => (schemeType === "none" ? "without" : "with");

/** Compute and gate every aggregated table of the export. `con` may be the warehouse (read-only is fine). */
export async function buildTables(connection: DuckDBConnection, filters: CohortFilters, options: TableOptions): Promise<BuiltTables> {
  const recorder = recordSql(connection);
  const con = recorder.con;
  const k = options.minCell;
  const registry = new PublicationRegistry();
  const base = await prepareBase(con, filters);
  const baseSql = sqlFile("Per-enrolment base tables of the cohort (loaders/analysis/sql/base.ts), with the queries that found the data date and checked the filters",
    recorder.take());
  const tables: ExportTable[] = [];
  const covs = [...options.covariates];
  const covSql = covs.map((c) => `${quoteIdentifier(c)}, `).join("");

  // ---- Outcomes (coarse table first, then the cells) -----------------------------------------
  const outcomeSql = (dims: string) => `SELECT ${dims}coalesce(scheme_type, 'none') AS scheme_type,
  ${OUTCOME_COUNTS_SQL}
FROM ${base.enrol}
GROUP BY ALL
ORDER BY ALL`;
  const outcomeCounts: CountColumn<Row>[] = [
    {column: "n", measure: "enrolments"},
    ...OUTCOMES.map((o) => ({column: o, measure: "enrolments", at: {outcome: o}, of: "n"})),
    ...PHASES.map((p) => ({column: `dropped_${p}`, measure: "enrolments", at: {outcome: "dropped", phase: p}, of: "n"}))
  ];
  const outcomeColumns = (dims: string[]) => [...dims, "scheme_type", "mentor", "n", ...OUTCOMES, ...PHASES.map((p) => `dropped_${p}`), "suppressed"];
  for (const [name, dims] of [["outcomes_by_mentor", []], ["outcomes", [...options.strata]]] as [string, string[]][]) {
    const rows = (await query<Row>(con, outcomeSql(dims.map((c) => `${quoteIdentifier(c)}, `).join("")))).map((r): Row => ({...r, mentor: mentorOf(r.scheme_type as string)}));
    const gated = publish(rows, {table: name, registry, minCell: k, dimensions: [...dims, "scheme_type"], labels: ["mentor"], counts: outcomeCounts});
    tables.push(finish(name, outcomeColumns(dims), gated, sqlFile(`${name}: status at the data date and dropouts per transition point`, recorder.take(), BASE_NOTE)));
  }

  // ---- Stage hazards (analysis layer) ---------------------------------------------------------
  const hazards = await stageHazardTable(con, filters);
  const gatedHazards = publish(hazards, {...hazardSpec("stage_hazards", registry), minCell: k}).map((r) => {
    const {programme, ...rest} = r;
    return {...rest, programme_group: programme, suppressed: r.suppressed?.map((c) => (c === "programme" ? "programme_group" : c))};
  });
  tables.push(finish("stage_hazards", ["phase", "mentor", "scheme_type", "programme_group", "entered", "dropped", ...rateCols("hazard"), "suppressed"],
    gatedHazards, sqlFile("stage_hazards: loaders/analysis/transitions.ts stageHazardTable (stageHazardSql, long layout; mature cohorts)", recorder.take(), BASE_NOTE)));

  // ---- Survival (Kaplan-Meier) and log-rank (analysis layer's retention curves) ---------------
  const {curves, logRank} = await retentionCurves(con, filters);
  const curveSql = recorder.take();
  const survivalRows: Row[] = [];
  const omitted: string[] = [];
  const groups = new Map<string, typeof curves>();
  for (const c of curves) {
    if (c.programme !== "all") continue;
    const key = `${c.set}|${c.group}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(c);
  }
  for (const [key, list] of groups) {
    list.sort((a, b) => a.time - b.time);
    // the curve rows carry time, at risk and events; censorings are what leaves the risk set otherwise
    const daily: SurvivalCounts[] = list.map((r, i) => ({
      time: r.time, at_risk: r.at_risk, events: r.events,
      censored: r.at_risk - r.events - (i + 1 < list.length ? list[i + 1].at_risk : 0)
    }));
    const coarse = coarsenSurvivalTable(daily, k);
    if (coarse === null) {
      omitted.push(`survival ${key.replace("|", " = ")}: fewer than ${k} individuals or events`);
      continue;
    }
    const {set, group, origin} = list[0];
    for (const r of kaplanMeierFromTable(coarse)) {
      survivalRows.push({
        set, group, origin, time: r.time, at_risk: r.atRisk, events: r.events, censored: r.censored,
        survival: num(r.survival), std_err: num(r.stdErr), lower: num(r.lower), upper: num(r.upper)
      });
    }
  }
  const rowKey = (r: Row) => `${r.set}:${r.group}:${r.time}`;
  const gatedSurvival = publish(survivalRows, {
    table: "survival", registry, minCell: k,
    labels: ["set", "group", "origin", "time"],
    cellDims: () => ({}),
    // each row is its own cell (intervals differ between curves; nothing to sum)
    counts: [
      {column: "at_risk", measure: (r: Row) => `km_at_risk:${rowKey(r)}`},
      {column: "events", measure: (r: Row) => `km_events:${rowKey(r)}`, of: "at_risk"},
      {column: "censored", measure: (r: Row) => `km_censored:${rowKey(r)}`, of: "at_risk"}
    ],
    derived: Object.fromEntries(["survival", "std_err", "lower", "upper"].map((c) => [c, ["at_risk", "events"]]))
  });
  const survivalStatements = curveSql.filter((s) => /censored/.test(s));
  tables.push(finish("survival", ["set", "group", "origin", "time", "at_risk", "events", "censored", "survival", "std_err", "lower", "upper", "suppressed"],
    gatedSurvival, sqlFile("survival: loaders/analysis/transitions.ts retentionCurves → survivalTableSql (exact daily table, all programme groups).\n"
      + `The export keeps programme = 'all', merges the daily rows into intervals with 0 or >= ${k} events and censorings\n`
      + "(loaders/export/coarsen.ts) and computes the Kaplan-Meier estimate on them (kaplanMeierFromTable).", survivalStatements, BASE_NOTE)));
  const logRankRows = logRank.filter((r) => r.programme === "all").map(({set, groups: g, chi_square, df, p_value}) => ({set, groups: g, chi_square, df, p_value}));
  const gatedLogRank = publish(logRankRows, {kind: "reference", table: "log_rank", labels: ["set", "groups", "chi_square", "df", "p_value"]});
  tables.push(finish("log_rank", ["set", "groups", "chi_square", "df", "p_value"], gatedLogRank,
    sqlFile("log_rank: loaders/analysis/transitions.ts retentionCurves → logRankFromTable over the survival tables of the query below\n"
      + "(logRankTableFromSurvival), per curve set and programme group (the export keeps programme = 'all')", survivalStatements, BASE_NOTE)));

  // ---- Person-period cells ----------------------------------------------------------------------
  const [{max_follow: maxFollow}] = await query<{max_follow: number | null}>(con, `SELECT max(follow_days) AS max_follow FROM ${base.enrol}`);
  const breaks = periodBreaks(options.periods, maxFollow ?? 0);
  const periodValues = breaks.slice(0, -1).map((b, i) => `(${i}, ${b}, ${breaks[i + 1]})`).join(", ");
  const ppSql = `WITH periods(period, start_day, stop_day) AS (VALUES ${periodValues}),
cells AS (
  -- at risk in a period: enrolled at its start (end_day >= start_day, or ongoing) and followed for all of it (follow_days >= stop_day)
  SELECT p.period, p.start_day, p.stop_day, ${covs.map((c) => `b.${quoteIdentifier(c)}, `).join("")}
    -- mentor status at the period start: intake mentors from intake, workplace mentors from their start
    CASE WHEN b.mentor_intake THEN b.scheme_type
      WHEN b.mentor_workplace AND b.m_start <= b.intake_date + p.start_day THEN b.scheme_type
      ELSE 'none' END AS type_at_start,
    b.dropped AND b.drop_day >= p.start_day AND b.drop_day < p.stop_day AS event
  FROM ${base.enrol} b JOIN periods p ON b.follow_days >= p.stop_day AND (b.end_day IS NULL OR b.end_day >= p.start_day)
)
SELECT CAST(period AS INTEGER) AS period, CAST(start_day AS INTEGER) AS start_day, CAST(stop_day - 1 AS INTEGER) AS end_day,
  ${covSql}type_at_start AS scheme_type,
  count(*) AS at_risk, count(*) FILTER (WHERE event) AS events
FROM cells
GROUP BY ALL
ORDER BY ALL`;
  const pp = (await query<Row>(con, ppSql)).map((r): Row => ({...r, mentor: mentorOf(r.scheme_type as string)}));
  const ppStatements = recorder.take();
  const ppCounts = [
    {column: "at_risk", measure: (r: Row) => `pp_at_risk@${r.period}`},
    {column: "events", measure: (r: Row) => `pp_events@${r.period}`, of: "at_risk"}
  ];
  // Margins per period (all cells, and per scheme type), published before the cells: the cells get
  // complementary suppression against them (so a single hidden cell cannot be worked out), and a
  // researcher can spread the hidden dropouts of a margin over its hidden cells (README.md). They are
  // known anyway in part: early-period dropouts can be read off survival.csv where its intervals end
  // at a period end.
  const marginSql = `SELECT period, start_day, end_day, coalesce(scheme_type, 'all') AS scheme_type,
  CAST(sum(at_risk) AS BIGINT) AS at_risk, CAST(sum(events) AS BIGINT) AS events
FROM (
${ppSql}
) AS cells
GROUP BY GROUPING SETS ((period, start_day, end_day), (period, start_day, end_day, scheme_type))
ORDER BY period, scheme_type IS NOT NULL, scheme_type`;
  const marginRows = (await query<Row>(con, marginSql)).map((r): Row => ({...r, mentor: r.scheme_type === "all" ? "all" : mentorOf(r.scheme_type as string)}));
  const marginStatements = recorder.take();
  const gatedMargins = publish(marginRows, {
    table: "person_period_margins", registry, minCell: k,
    labels: ["period", "start_day", "end_day", "mentor"], dimensions: ["scheme_type"], totals: {scheme_type: "all"}, counts: ppCounts
  });
  guardPeriodChains(gatedMargins as unknown as PeriodRow[], ["scheme_type"], k);
  tables.push(finish("person_period_margins", ["period", "start_day", "end_day", "scheme_type", "mentor", "at_risk", "events", "suppressed"], gatedMargins,
    sqlFile("person_period_margins: sums of person_period over the covariates (per period; all and per scheme type at the period start)", marginStatements, BASE_NOTE)));
  const gatedPp = publish(pp, {
    table: "person_period", registry, minCell: k,
    labels: ["period", "start_day", "end_day", "mentor"],
    dimensions: [...covs, "scheme_type"],
    counts: ppCounts
  });
  // at-risk values of one cell in successive periods must not reveal 1 … k − 1 leavers (or hidden dropouts)
  guardPeriodChains(gatedPp as unknown as PeriodRow[], [...covs, "scheme_type"], k);
  tables.push(finish("person_period", ["period", "start_day", "end_day", ...covs, "scheme_type", "mentor", "at_risk", "events", "suppressed"], gatedPp,
    sqlFile(`person_period: at risk and dropouts per period from intake (breakpoints ${breaks.join(", ")} days) × covariate cell × mentor status at the period start`, ppStatements, BASE_NOTE)));

  let events = 0, hiddenEvents = 0, periods = 0, hiddenPeriods = 0;
  pp.forEach((r, i) => {
    const g = gatedPp[i] as Row;
    events += r.events as number;
    periods += r.at_risk as number;
    if (g.events === null) hiddenEvents += r.events as number;
    if (g.at_risk === null) hiddenPeriods += r.at_risk as number;
  });
  const share = (x: number, n: number) => (n > 0 ? Math.round((x / n) * 1000) / 1000 : null);
  const [{n: enrolments}] = await query<{n: number}>(connection, `SELECT count(*) AS n FROM ${base.enrol}`);
  return {
    tables, enrolments, baseSql, base, omitted, periodBreaks: breaks,
    personPeriodHidden: {dropouts_in_cells_with_hidden_events: share(hiddenEvents, events), person_periods_in_cells_with_hidden_at_risk: share(hiddenPeriods, periods)}
  };
}
