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
import {PHASE_CUTOFFS, PHASES, SCHEME_TYPES, STARTED_OUTCOMES} from "../contract/contract.ts";
import {num, rate} from "../analysis/common.ts";
import {prepareBase, type Base} from "../analysis/sql/base.ts";
import {retentionCurves, stageHazardTable} from "../analysis/transitions.ts";
import {OUTCOME_COUNTS_SQL} from "../analysis/outcome-counts.ts";
import {hazardSpec, rateCols} from "../analysis/gate-specs.ts";
import type {CohortFilters, HazardRow} from "../analysis/types.ts";
import {
  publish,
  PublicationRegistry,
  type CountColumn,
  type CountsSpec,
  type Row,
  type SealReport,
  type Value
} from "../privacy/index.ts";
import {kaplanMeierFromTable, quoteIdentifier} from "../stats/index.ts";
import {query} from "../warehouse.ts";
import {periodBreaks, type Covariate, type PeriodSpec} from "./cohort-args.ts";
import {
  coarsenSurvivalTable,
  dailyCounts,
  guardPeriodChains,
  WIDE_STEP,
  wideSteps,
  type PeriodRow,
  type SurvivalCounts
} from "./coarsen.ts";
import {gridSql, INTAKE_TYPES, PROGRAMME_GROUP_OF, type Domains, type GridDim} from "./grid.ts";
import {applyRegistry, cellOf, publishLinked, type CellRef} from "./linked.ts";
import {recordSql, sqlFile} from "./sql-recorder.ts";
import {riskTables} from "./risk-tables.ts";

/** The baseline-risk tables (risk-tables.ts), in file order. */
export const RISK_TABLES = ["risk_model", "band_effects", "group_effects", "risk_calibration"] as const;

/** A published survival curve's row (before the privacy gate): counts, estimates and the interval's last merged day. */
export interface PublishedCurveRow {
  time: number;
  /** Last day merged into the row (coarsenSurvivalTable); not published, keys the row's cells in the privacy gate. */
  through: number;
  at_risk: number;
  events: number;
  censored: number;
  survival: number | null;
  std_err: number | null;
  lower: number | null;
  upper: number | null;
  wide_step: boolean;
}

/**
 * The survival rows an export publishes for one group, from its exact daily table: the intervals of
 * `coarsenSurvivalTable`, the Kaplan-Meier estimate on them (`kaplanMeierFromTable`) and `wide_step`
 * (`wideSteps`, from the published survival only). `null` when the group cannot be published.
 */
export function publishableCurve(daily: readonly SurvivalCounts[], k: number): PublishedCurveRow[] | null {
  const coarse = coarsenSurvivalTable(daily, k);
  if (coarse === null) return null;
  const km = kaplanMeierFromTable(coarse);
  const wide = wideSteps(km.map((r) => r.survival));
  return km.map((r, i) => ({
    time: r.time,
    through: coarse[i].through,
    at_risk: r.atRisk,
    events: r.events,
    censored: r.censored,
    survival: num(r.survival),
    std_err: num(r.stdErr),
    lower: num(r.lower),
    upper: num(r.upper),
    wide_step: wide[i]
  }));
}

/** One exported table: gated rows (the `suppressed` flag as text), its columns in file order and its SQL. */
export interface ExportTable {
  name: string;
  columns: string[];
  rows: Record<string, Value>[];
  /** Contents of sql/<name>.sql. */
  sql: string;
  /** Number of values hidden by the privacy gate. */
  suppressedCells: number;
  /** Dimension and count columns (what the export log records of the table). */
  logColumns: string[];
  /** Count columns. */
  countColumns: string[];
}

export interface TableOptions {
  /** Cells of the outcome table (besides the scheme type). */
  strata: readonly Covariate[];
  /** Cells of the person-period table (besides period and scheme type at the period start). */
  covariates: readonly Covariate[];
  /** Periods of the person-period cells. */
  periods: PeriodSpec;
  minCell: number;
  /** Allowed values of the dimensions (grid.ts `cohortDomains`): every table lists all their combinations. */
  domains: Domains;
  /** Audit every gated cell with what was published before and hide more (index.ts `sealExport`); runs before the rows are written out. */
  seal?: (
    registry: PublicationRegistry,
    periodBreaks: number[],
    derived: DerivedCell[],
    riskRegistry: PublicationRegistry
  ) => Promise<SealReport>;
}

/** A count no table publishes but two published ones give by subtraction (seal.ts audits it as a hidden cell). */
export interface DerivedCell {
  measure: string;
  dims: Record<string, string>;
  value: number;
}

/** Registry cells the export gives the gate but does not publish (period 0's enrolments not followed through it). */
export const unpublishedCell = (_measure: string, dims: Record<string, string>) => dims.followed_period_0 === "no";

export interface BuiltTables {
  tables: ExportTable[];
  /** Enrolments in the cohort (not published). */
  enrolments: number;
  /** The base-table SQL (sql/base.sql). */
  baseSql: string;
  base: Base;
  /** Survival groups not published (fewer than minCell individuals or events, none at all, or hidden to protect another cell). */
  omitted: string[];
  /** Breakpoints of the person-period periods (days from intake). */
  periodBreaks: number[];
  /** Every gated cell (what the export log records). */
  registry: PublicationRegistry;
  /** The baseline-risk tables' cells: sealed after the rest, with the rest frozen (export/seal.ts). */
  riskRegistry: PublicationRegistry;
  /** The seal's report (null without `seal`). */
  sealed: SealReport | null;
  /** How much of person_period the privacy gate hid (shares of all dropouts / person-periods). */
  personPeriodHidden: {
    dropouts_in_cells_with_hidden_events: number | null;
    person_periods_in_cells_with_hidden_at_risk: number | null;
  };
}

/** Above this share of hidden dropouts or person-periods the command line warns (`personPeriodWarning`). */
export const PERSON_PERIOD_WARN_SHARE = 0.1;

/**
 * The command line's warning when much of person_period is hidden: the share of the dropouts in cells
 * whose events are hidden and the share of the person-periods in cells whose at_risk is hidden, what that
 * does to a model, and what to do. Null when both shares are at most `PERSON_PERIOD_WARN_SHARE`.
 */
export function personPeriodWarning(hidden: BuiltTables["personPeriodHidden"]): string | null {
  const events = hidden.dropouts_in_cells_with_hidden_events ?? 0;
  const atRisk = hidden.person_periods_in_cells_with_hidden_at_risk ?? 0;
  if (events <= PERSON_PERIOD_WARN_SHARE && atRisk <= PERSON_PERIOD_WARN_SHARE) return null;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return (
    `${pct(events)} of the dropouts in person_period are in cells with hidden events, and ${pct(atRisk)} of its person-periods in cells with hidden at_risk; ` +
    "a model fitted on the cells will be biased, and the README's recipes fill the hidden values in with guesses from the margins. " +
    "Use fewer --covariates or longer --periods (loaders/export/README.md)."
  );
}

/** The outcomes of students who started (the base has no no-shows). */
const OUTCOMES = STARTED_OUTCOMES;
const BASE_NOTE = "Runs on the TEMP tables created by sql/base.sql (the analysis layer's per-enrolment base tables).";
const GRID_NOTE =
  "Every combination of the allowed values of the dimensions is a row (the grid CTE), with zeros where the cohort has nobody.";

/**
 * Gated rows → export rows: `suppressed` as "a;b" text (empty when nothing is hidden), columns in order.
 * `redundant`: columns the export log leaves out (they follow from the others); estimates are left out too.
 */
function finish(
  name: string,
  columns: string[],
  gated: readonly Record<string, unknown>[],
  sql: string,
  countColumns: string[],
  redundant: string[] = []
): ExportTable {
  let suppressedCells = 0;
  const rows = gated.map((r) => {
    const hidden = (r.suppressed as string[] | undefined) ?? [];
    suppressedCells += hidden.length;
    const out: Record<string, Value> = {};
    for (const c of columns) out[c] = c === "suppressed" ? hidden.join(";") : ((r[c] ?? null) as Value);
    return out;
  });
  const logColumns = columns.filter(
    (c) => c !== "suppressed" && (countColumns.includes(c) || !redundant.includes(c)) && !isEstimate(c)
  );
  return {name, columns, rows, sql, suppressedCells, logColumns, countColumns};
}

const ESTIMATES = new Set([
  "survival",
  "std_err",
  "lower",
  "upper",
  "wide_step",
  "hazard",
  "hazard_lower",
  "hazard_upper",
  "chi_square",
  "df",
  "p_value"
]);
const isEstimate = (c: string) => ESTIMATES.has(c);

/** Share of n of each outcome status with its Wilson 95 % limits: share_<status>, share_<status>_lower, share_<status>_upper. */
export const OUTCOME_SHARE_COLUMNS = OUTCOMES.flatMap((o) => rateCols(`share_${o}`));

/** The share columns of one outcome row from its counts (empty when n = 0); the gate hides them with their counts. */
function outcomeShares(r: Row): Row {
  const out: Row = {};
  for (const o of OUTCOMES) {
    const s = rate(r[o] as number, r.n as number);
    [out[`share_${o}`], out[`share_${o}_lower`], out[`share_${o}_upper`]] = [s.rate, s.lower, s.upper];
  }
  return out;
}

const mentorOf = (schemeType: string) => (schemeType === "none" ? "without" : "with");
/** "with" = an intake mentor (every type but workplace), the survival set "mentor". */
const intakeMentorOf = (schemeType: string) => (INTAKE_TYPES.includes(schemeType) ? "with" : "without");

/**
 * Cell dimensions of a mentor status at intake / a period start, shared by all tables so the same
 * students are the same cell: intake types are {intake_mentor: with, scheme_type}; no intake mentor
 * is {intake_mentor: without} split by scheme type where the first mentorship is meant (outcomes),
 * or by whether a workplace mentor has started (person-period period 0: scheme_type
 * none_at_start / workplace_started).
 */
const outcomeMentorDims = (schemeType: string): Record<string, Value> => ({
  intake_mentor: intakeMentorOf(schemeType),
  scheme_type: schemeType
});
const startMentorDims = (typeAtStart: string): Record<string, Value> =>
  INTAKE_TYPES.includes(typeAtStart)
    ? {intake_mentor: "with", scheme_type: typeAtStart}
    : // no intake mentor: values of their own (not outcomes' none/workplace, which count the first mentorship),
      // so that all period-0 cells form one family that covers everyone, as the gate assumes
      {intake_mentor: "without", scheme_type: typeAtStart === "workplace" ? "workplace_started" : "none_at_start"};

/** Add the programme group to a cell when the programme is one of its dimensions (so cells by programme group link to it). */
function withProgrammeGroup(dims: Record<string, Value>): Record<string, Value> {
  if ("programme" in dims && !("programme_group" in dims))
    return {...dims, programme_group: PROGRAMME_GROUP_OF[String(dims.programme)] ?? null};
  return dims;
}

/** Compute and gate every aggregated table of the export. `con` may be the warehouse (read-only is fine). */
export async function buildTables(
  connection: DuckDBConnection,
  filters: CohortFilters,
  options: TableOptions
): Promise<BuiltTables> {
  const recorder = recordSql(connection);
  const con = recorder.con;
  const k = options.minCell;
  const D = options.domains;
  const registry = new PublicationRegistry();
  const riskRegistry = new PublicationRegistry();
  const base = await prepareBase(con, filters);
  const baseSql = sqlFile(
    "Per-enrolment base tables of the cohort (loaders/analysis/sql/base.ts), with the queries that found the data date and checked the filters",
    recorder.take()
  );
  // tables are finished (rows copied out of the gate) only after the seal: it may hide more
  const pending: (() => ExportTable)[] = [];
  // after the seal, every gated table is made to agree with the registry (a cell it hid is empty in every row)
  const agree: (() => number)[] = [];
  const covs = [...options.covariates];
  const domainOf = (c: string): GridDim => ({column: c, values: D[c as keyof Domains]});

  // ---- Outcomes (coarse table first, then the cells) -----------------------------------------
  const outcomeSql = (dims: string[]) => {
    const all = [...dims, "scheme_type"];
    const cols = all.map(quoteIdentifier).join(", ");
    const counts = ["n", ...OUTCOMES, ...PHASES.map((p) => `dropped_${p}`)];
    return `WITH grid AS (
  ${gridSql([...dims.map(domainOf), {column: "scheme_type", values: D.scheme_type}])}
),
counts AS (
  SELECT ${dims.map((c) => `${quoteIdentifier(c)}, `).join("")}coalesce(scheme_type, 'none') AS scheme_type,
  ${OUTCOME_COUNTS_SQL}
  FROM ${base.enrol}
  GROUP BY ALL
),
cells AS (SELECT ${cols} FROM grid UNION SELECT ${cols} FROM counts)
SELECT ${all.map((c) => `cells.${quoteIdentifier(c)}`).join(", ")},
  ${counts.map((c) => `CAST(coalesce(counts.${c}, 0) AS BIGINT) AS ${c}`).join(", ")}
FROM cells LEFT JOIN counts USING (${cols})
ORDER BY ${cols}`;
  };
  const outcomeCounts: CountColumn<Row>[] = [
    {column: "n", measure: "enrolments"},
    ...OUTCOMES.map((o) => ({column: o, measure: "enrolments", at: {outcome: o}, of: "n"})),
    ...PHASES.map((p) => ({column: `dropped_${p}`, measure: "enrolments", at: {outcome: "dropped", phase: p}, of: "n"}))
  ];
  const outcomeCountNames = outcomeCounts.map((c) => c.column);
  const outcomeColumns = (dims: string[]) => [
    ...dims,
    "scheme_type",
    "mentor",
    ...outcomeCountNames,
    ...OUTCOME_SHARE_COLUMNS,
    "suppressed"
  ];
  const gateOutcomes = async (name: string, dims: string[]) => {
    const rows = (await query<Row>(con, outcomeSql(dims))).map((r): Row => ({
      ...r,
      mentor: mentorOf(r.scheme_type as string),
      ...outcomeShares(r)
    }));
    // intake_mentor makes the survival and period-0 groups sums of these cells; the programme group
    // links the cells to person-period cells by programme group
    const linkGroup =
      dims.includes("programme") && !dims.includes("programme_group") && covs.includes("programme_group");
    const spec: CountsSpec<Row> & {registry: PublicationRegistry} = {
      table: name,
      registry,
      minCell: k,
      dimensions: [...dims, "scheme_type"],
      labels: ["mentor"],
      counts: outcomeCounts,
      // each share and its limits are hidden with n or the status count they come from
      derived: Object.fromEntries(OUTCOMES.flatMap((o) => rateCols(`share_${o}`).map((c) => [c, ["n", o]]))),
      cellDims: (r) => {
        const d: Record<string, Value> = {
          ...Object.fromEntries(dims.map((x) => [x, r[x] as Value])),
          ...outcomeMentorDims(r.scheme_type as string)
        };
        return linkGroup ? withProgrammeGroup(d) : d;
      }
    };
    const gated = publishLinked(rows, spec);
    agree.push(() => applyRegistry(gated, spec));
    const sql = sqlFile(
      `${name}: status at the data date and dropouts per transition point. ${GRID_NOTE}`,
      recorder.take(),
      BASE_NOTE
    );
    return () =>
      finish(name, outcomeColumns(dims), gated, sql, outcomeCountNames, ["mentor", ...OUTCOME_SHARE_COLUMNS]);
  };
  // the coarse table first; the fine cells are gated last, against everything else (see the end)
  pending.push(await gateOutcomes("outcomes_by_mentor", []));

  // ---- Stage hazards (analysis layer), on the full grid -----------------------------------------
  const hazards = await stageHazardTable(con, filters);
  const hazardStatements = recorder.take();
  const hazardKey = (r: {phase: string; mentor: string; scheme_type: string; programme: string}) =>
    `${r.programme}|${r.phase}|${r.mentor}|${r.scheme_type}`;
  const found = new Map(hazards.map((h) => [hazardKey(h), h]));
  const typesWith = SCHEME_TYPES.filter((t) => D.scheme_type.includes(t)) as string[];
  const hazardGrid: HazardRow[] = [];
  for (const programme of ["all", ...D.programme_group]) {
    for (const phase of PHASES) {
      const combos: [string, string][] = [
        ["without", "all"],
        ...(typesWith.length ? [["with", "all"] as [string, string]] : []),
        ...typesWith.map((t): [string, string] => ["with", t])
      ];
      for (const [mentor, scheme_type] of combos) {
        const key = hazardKey({programme, phase, mentor, scheme_type});
        hazardGrid.push(
          found.get(key) ??
            ({
              phase,
              mentor,
              scheme_type,
              programme,
              main_area: "all",
              period: "all",
              entered: 0,
              dropped: 0,
              hazard: null,
              hazard_lower: null,
              hazard_upper: null
            } as HazardRow)
        );
        found.delete(key);
      }
    }
  }
  hazardGrid.push(...found.values()); // combinations outside the grid (none expected)
  const hazardGateSpec = {...hazardSpec("stage_hazards", registry), minCell: k} as unknown as CountsSpec<Row> & {
    registry: PublicationRegistry;
  };
  const gatedHazardRows = publishLinked(hazardGrid as unknown as Row[], hazardGateSpec);
  agree.push(() => applyRegistry(gatedHazardRows, hazardGateSpec));
  // renamed when the table is finished: the seal hides cells in the gated rows themselves
  const gatedHazards = () =>
    gatedHazardRows.map((r) => {
      const {programme, ...rest} = r;
      return {
        ...rest,
        programme_group: programme,
        suppressed: r.suppressed?.map((c) => (c === "programme" ? "programme_group" : c))
      };
    });
  const hazardSqlText = sqlFile(
    "stage_hazards: loaders/analysis/transitions.ts stageHazardTable (stageHazardSql, long layout; mature cohorts). " +
      "The export adds a row with zeros for every programme group × phase × mentor status × scheme type the query does not return.",
    hazardStatements,
    BASE_NOTE
  );
  pending.push(() =>
    finish(
      "stage_hazards",
      ["phase", "mentor", "scheme_type", "programme_group", "entered", "dropped", ...rateCols("hazard"), "suppressed"],
      gatedHazards(),
      hazardSqlText,
      ["entered", "dropped"]
    )
  );

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
  // every group the cohort's domains allow, present or not
  const intakeTypes = INTAKE_TYPES.filter((t) => D.scheme_type.includes(t));
  const noIntakeMentor = D.scheme_type.includes("none") || D.scheme_type.includes("workplace");
  const vocational = D.programme_group.includes("vocational");
  const survivalGrid: [string, string][] = [
    ...(intakeTypes.length ? [["mentor", "with"] as [string, string]] : []),
    ...(noIntakeMentor ? [["mentor", "without"] as [string, string]] : []),
    ...intakeTypes.map((t): [string, string] => ["scheme_type", t]),
    ...(noIntakeMentor ? [["scheme_type", "none"] as [string, string]] : []),
    ...(vocational && D.scheme_type.includes("workplace") ? [["workplace", "workplace"] as [string, string]] : []),
    ...(vocational && D.scheme_type.includes("none") ? [["workplace", "none"] as [string, string]] : [])
  ];
  for (const key of groups.keys()) {
    const [set, group] = key.split("|");
    if (!survivalGrid.some(([s, g]) => s === set && g === group)) survivalGrid.push([set, group]);
  }
  const published = new Set<string>();
  for (const [set, group] of survivalGrid) {
    const key = `${set}|${group}`;
    const list = groups.get(key) ?? [];
    const curve = list.length ? publishableCurve(dailyCounts(list), k) : null;
    if (curve === null || curve.length === 0) continue;
    const origin = set === "workplace" ? "placement" : "intake";
    curve.forEach((r, i) => survivalRows.push({set, group, origin, ...r, first_interval: i === 0}));
    published.add(key);
  }
  // the gate's cells of a row are keyed by the last day merged into it (`through`, not published): the row
  // counts the dropouts and censorings after the previous row's last day up to it (censorings after the
  // row's time included), so the privacy model's interval (previous end, end] is what the counts cover
  const rowKey = (r: Row) => `${r.set}:${r.group}:${r.through}`;
  const linkedSet = (r: Row) => r.set === "mentor" || r.set === "scheme_type";
  // The curve's first at_risk is the group's number of enrolments and its events sum to the group's
  // dropouts: the same cells as in the outcome tables (measure "enrolments", intake_mentor/scheme_type).
  const survivalDims = (r: Row): Record<string, Value> => {
    if (r.set === "mentor") return {intake_mentor: r.group as string};
    if (r.set === "scheme_type")
      return r.group === "none" ? {intake_mentor: "without"} : {intake_mentor: "with", scheme_type: r.group as string};
    return {workplace_curve: r.group as string};
  };
  const survivalSpec: CountsSpec<Row> & {registry: PublicationRegistry} = {
    table: "survival",
    registry,
    minCell: k,
    labels: ["set", "group", "origin", "time", "through", "first_interval"],
    cellDims: survivalDims,
    // a curve's cells are one group's: never summed over mentor status or scheme type (the curves of
    // a set are not listed as one family), nor over the outcome (only dropouts are counted)
    partial: ["outcome", "intake_mentor", "scheme_type"],
    counts: [
      {
        column: "at_risk",
        measure: (r: Row) => (linkedSet(r) && r.first_interval ? "enrolments" : `km_at_risk:${rowKey(r)}`)
      },
      {
        column: "events",
        measure: (r: Row) => (linkedSet(r) ? "enrolments" : `km_events:${rowKey(r)}`),
        of: "at_risk",
        // one interval dimension per curve: intervals of different curves are not parts of each other
        at: (r: Row): Record<string, string> =>
          linkedSet(r) ? {outcome: "dropped", [`km_${r.set}_${r.group}_interval`]: String(r.through)} : {}
      },
      {column: "censored", measure: (r: Row) => `km_censored:${rowKey(r)}`, of: "at_risk"}
    ],
    derived: Object.fromEntries(
      ["survival", "std_err", "lower", "upper", "wide_step"].map((c) => [c, ["at_risk", "events"]])
    )
  };
  // All or nothing per curve: a hidden count could be read back from the survival estimates of the
  // rows after it, so a curve with any hidden value is left out whole.
  // One curve per round, the smallest with a hidden value: once it is hidden whole, the complements
  // the gate chose in other curves for its sake are usually no longer needed (the gate is re-run from
  // scratch with only the forced cells), so one small curve does not take the large ones with it.
  const gatedSurvival = publishLinked(survivalRows, survivalSpec, (gated) => {
    const size = new Map<string, number>();
    const partly = new Set<string>();
    survivalRows.forEach((r, i) => {
      const key = `${r.set}|${r.group}`;
      if (r.first_interval) size.set(key, r.at_risk as number);
      if (gated[i].suppressed?.length && ["at_risk", "events", "censored"].some((c) => gated[i][c] !== null))
        partly.add(key);
    });
    const [first] = [...partly].sort((x, y) => size.get(x)! - size.get(y)!);
    const out: CellRef[] = [];
    if (first === undefined) return out;
    survivalRows.forEach((r, i) => {
      if (`${r.set}|${r.group}` !== first) return;
      for (const c of ["at_risk", "events", "censored"])
        if (gated[i][c] !== null) out.push(cellOf(survivalSpec, r, c)!);
    });
    return out;
  });
  agree.push(() => applyRegistry(gatedSurvival, survivalSpec));
  const survivalColumns = [
    "set",
    "group",
    "origin",
    "time",
    "at_risk",
    "events",
    "censored",
    "survival",
    "std_err",
    "lower",
    "upper",
    "wide_step"
  ];
  const survivalStatements = curveSql.filter((s) => /censored/.test(s));
  // after the seal: a curve with any hidden value is left out whole (as above), and a log-rank test only over published curves
  pending.push(() => {
    const survivalOut: Row[] = [];
    const hiddenAll = survivalColumns.slice(4);
    for (const [set, group] of survivalGrid) {
      const key = `${set}|${group}`;
      const rows = gatedSurvival.filter((g) => `${g.set}|${g.group}` === key);
      if (rows.length && rows.every((g) => !g.suppressed?.length)) {
        survivalOut.push(...rows);
        continue;
      }
      // not published: one row with every value empty (a group too small, without enough events, empty, or hidden to protect another cell)
      published.delete(key);
      omitted.push(
        `survival ${set} = ${group}: not published (fewer than ${k} individuals, 1 to ${k - 1} dropouts, none in the cohort, or hidden to protect another cell)`
      );
      survivalOut.push({
        set,
        group,
        origin: set === "workplace" ? "placement" : "intake",
        time: null,
        ...Object.fromEntries(hiddenAll.map((c) => [c, null])),
        suppressed: hiddenAll
      });
    }
    return finish(
      "survival",
      [...survivalColumns, "suppressed"],
      survivalOut,
      sqlFile(
        "survival: loaders/analysis/transitions.ts retentionCurves → survivalTableSql (exact daily table, all programme groups).\n" +
          `The export keeps programme = 'all', merges the daily rows into intervals with 0 or >= ${k} events and censorings\n` +
          "(loaders/export/coarsen.ts: each interval's time is its last dropout; the cut points keep the curve closest to the exact one)\n" +
          `and computes the Kaplan-Meier estimate on them (kaplanMeierFromTable); wide_step = the row's drop in survival exceeds ${WIDE_STEP}.\n` +
          "Every group the cohort allows has rows; a group that cannot be published is one row with every value empty.",
        survivalStatements,
        BASE_NOTE
      ),
      ["at_risk", "events", "censored"],
      ["origin"]
    );
  });
  // A log-rank test over a set with an unpublished group would describe that group: left empty then.
  pending.push(() => {
    const logRankRows = [...new Set(survivalGrid.map(([s]) => s))].map((set) => {
      const inSet = survivalGrid.filter(([s]) => s === set).map(([, g]) => g);
      const lr = logRank.find((r) => r.programme === "all" && r.set === set);
      const complete = inSet.length >= 2 && inSet.every((g) => published.has(`${set}|${g}`)) && lr !== undefined;
      return {
        set,
        groups: inSet.join(","),
        chi_square: complete ? lr!.chi_square : null,
        df: complete ? lr!.df : null,
        p_value: complete ? lr!.p_value : null
      };
    });
    const gatedLogRank = publish(logRankRows, {
      kind: "reference",
      table: "log_rank",
      labels: ["set", "groups", "chi_square", "df", "p_value"]
    });
    return finish(
      "log_rank",
      ["set", "groups", "chi_square", "df", "p_value"],
      gatedLogRank,
      sqlFile(
        "log_rank: loaders/analysis/transitions.ts retentionCurves → logRankFromTable over the survival tables of the query below\n" +
          "(logRankTableFromSurvival), per curve set and programme group (the export keeps programme = 'all'). Empty when a group of the set is not published in survival.",
        survivalStatements,
        BASE_NOTE
      ),
      [],
      ["set", "groups"]
    );
  });

  // ---- Person-period cells ----------------------------------------------------------------------
  // The grid runs to the end of the periods that fit between the first intake year of the cohort's
  // domain and the data date, whatever the follow-up of the cohort's own students.
  const firstYear = D.intake_year[0] ?? Number(base.info.data_date.slice(0, 4));
  const gridDays = Math.max(
    0,
    Math.round((Date.parse(base.info.data_date) - Date.parse(`${firstYear}-01-01`)) / 86_400_000)
  );
  const breaks = periodBreaks(options.periods, gridDays);
  const periodValues = breaks
    .slice(0, -1)
    .map((b, i) => `(${i}, ${b}, ${breaks[i + 1]})`)
    .join(", ");
  const ppDims: GridDim[] = [...covs.map(domainOf), {column: "scheme_type", values: D.scheme_type_at}];
  const restCols = [...covs, "scheme_type"].map(quoteIdentifier).join(", ");
  const ppCols = `period, ${restCols}`;
  const cellsCte = `cells AS (
  -- at risk in a period: enrolled at its start (end_day >= start_day, or ongoing) and followed for all of it (follow_days >= stop_day)
  SELECT p.period, p.start_day, p.stop_day, ${covs.map((c) => `b.${quoteIdentifier(c)}, `).join("")}
    -- mentor status at the period start: intake mentors from intake, workplace mentors from their start
    CASE WHEN b.mentor_intake THEN b.scheme_type
      WHEN b.mentor_workplace AND b.m_start <= b.intake_date + p.start_day THEN b.scheme_type
      ELSE 'none' END AS type_at_start,
    b.dropped AND b.drop_day >= p.start_day AND b.drop_day < p.stop_day AS event
  FROM ${base.enrol} b JOIN periods p ON b.follow_days >= p.stop_day AND (b.end_day IS NULL OR b.end_day >= p.start_day)
)`;
  const ppSql = `WITH periods(period, start_day, stop_day) AS (VALUES ${periodValues}),
grid AS (
  SELECT periods.*, d.* FROM periods CROSS JOIN (${gridSql(ppDims)}) AS d
),
${cellsCte},
counts AS (
  SELECT period, ${covs.map((c) => `${quoteIdentifier(c)}, `).join("")}type_at_start AS scheme_type, count(*) AS at_risk, count(*) FILTER (WHERE event) AS events
  FROM cells GROUP BY ALL
),
keys AS (SELECT period, start_day, stop_day, ${restCols} FROM grid
  UNION SELECT c.period, p.start_day, p.stop_day, ${[...covs, "scheme_type"].map((x) => `c.${quoteIdentifier(x)}`).join(", ")} FROM counts c JOIN periods p USING (period))
SELECT CAST(keys.period AS INTEGER) AS period, CAST(keys.start_day AS INTEGER) AS start_day, CAST(keys.stop_day - 1 AS INTEGER) AS end_day,
  ${covs.map((c) => `keys.${quoteIdentifier(c)}, `).join("")}keys.scheme_type,
  CAST(coalesce(counts.at_risk, 0) AS BIGINT) AS at_risk, CAST(coalesce(counts.events, 0) AS BIGINT) AS events
FROM keys LEFT JOIN counts USING (${ppCols})
ORDER BY ${ppCols}`;
  // Period 0 begins at intake, so everyone in the cohort is enrolled at its start: its at-risk
  // count plus those not followed through it (intake less than one period before the data date)
  // is the number of enrolments of the cell, and its dropouts are the first-weeks dropouts when the
  // period ends at the first transition point. The part not followed is not published but is given
  // to the gate, so that a difference between outcomes and period 0 is protected like any cell.
  const stop0 = breaks[1];
  const firstWeeks = stop0 === PHASE_CUTOFFS.firstWeeksDays;
  const shadowSql = `-- period 0: enrolments not followed through it (not published; checked by the privacy gate against outcomes)
SELECT ${covs.map((c) => `${quoteIdentifier(c)}, `).join("")}CASE WHEN mentor_intake THEN scheme_type
    WHEN mentor_workplace AND m_start <= intake_date THEN scheme_type ELSE 'none' END AS scheme_type,
  count(*) AS not_followed, count(*) FILTER (WHERE dropped AND drop_day < ${stop0}) AS events_not_followed
FROM ${base.enrol} WHERE follow_days < ${stop0}
GROUP BY ALL`;
  const shadow = await query<Row>(con, shadowSql);
  const pp = (await query<Row>(con, ppSql)).map((r): Row => ({...r, mentor: mentorOf(r.scheme_type as string)}));
  const ppStatements = recorder.take();
  const shadowKey = (r: Row) => [...covs.map((c) => String(r[c])), String(r.scheme_type)].join("\u0001");
  const shadowBy = new Map(shadow.map((s) => [shadowKey(s), s]));
  for (const r of pp) {
    const s = r.period === 0 ? shadowBy.get(shadowKey(r)) : undefined;
    r.not_followed = r.period === 0 ? Number(s?.not_followed ?? 0) : null;
    r.events_not_followed = r.period === 0 && firstWeeks ? Number(s?.events_not_followed ?? 0) : null;
  }
  const atRiskMeasure = (r: Row) => (r.period === 0 ? "enrolments" : `pp_at_risk@${r.period}`);
  const eventsMeasure = (r: Row) => (r.period === 0 && firstWeeks ? "enrolments" : `pp_events@${r.period}`);
  const eventsAt =
    (followed: string) =>
    (r: Row): Record<string, string> =>
      r.period === 0
        ? firstWeeks
          ? {outcome: "dropped", phase: "first_weeks", followed_period_0: followed}
          : {followed_period_0: followed}
        : {};
  const ppCounts: CountColumn<Row>[] = [
    {
      column: "at_risk",
      measure: atRiskMeasure,
      at: (r: Row): Record<string, string> => (r.period === 0 ? {followed_period_0: "yes"} : {})
    },
    {column: "events", measure: eventsMeasure, at: eventsAt("yes"), of: "at_risk"},
    {column: "not_followed", measure: "enrolments", at: {followed_period_0: "no"}, nullable: true},
    {column: "events_not_followed", measure: "enrolments", at: eventsAt("no"), of: "not_followed", nullable: true}
  ];
  const ppCellDims = (r: Row): Record<string, Value> => {
    const c = Object.fromEntries(covs.map((x) => [x, r[x] as Value]));
    if (r.scheme_type === "all") return {};
    return withProgrammeGroup(
      r.period === 0 ? {...c, ...startMentorDims(r.scheme_type as string)} : {...c, scheme_type: r.scheme_type as Value}
    );
  };
  // Margins per period (all cells, and per scheme type), published before the cells: the cells get
  // complementary suppression against them (so a single hidden cell cannot be worked out), and a
  // researcher can spread the hidden dropouts of a margin over its hidden cells (README.md).
  const marginSql = `SELECT period, start_day, end_day, coalesce(scheme_type, 'all') AS scheme_type,
  CAST(sum(at_risk) AS BIGINT) AS at_risk, CAST(sum(events) AS BIGINT) AS events
FROM (
${ppSql}
) AS cells
GROUP BY GROUPING SETS ((period, start_day, end_day), (period, start_day, end_day, scheme_type))
ORDER BY period, scheme_type IS NOT NULL, scheme_type`;
  const marginRows = (await query<Row>(con, marginSql)).map((r): Row => ({
    ...r,
    mentor: r.scheme_type === "all" ? "all" : mentorOf(r.scheme_type as string)
  }));
  const marginStatements = recorder.take();
  for (const m of marginRows) {
    const part = m.period === 0 ? shadow.filter((s) => m.scheme_type === "all" || s.scheme_type === m.scheme_type) : [];
    m.not_followed = m.period === 0 ? part.reduce((x, s) => x + Number(s.not_followed), 0) : null;
    m.events_not_followed =
      m.period === 0 && firstWeeks ? part.reduce((x, s) => x + Number(s.events_not_followed), 0) : null;
  }
  // the chain rule (coarsen.ts) runs inside the gate's loop: the at-risk values it hides are forced
  // hidden and the gate re-run, so their complements are hidden too
  const chainGuard =
    (spec: CountsSpec<Row>, source: Row[], chainColumns: string[]) => (gated: (Row & {suppressed?: string[]})[]) => {
      // rows with nobody at risk are the implicit zeros of the chain (a gap or its end), as in coarsen.ts
      const live = source.map((r, i) => i).filter((i) => (source[i].at_risk as number) > 0);
      const copy = live.map((i) => ({
        ...gated[i],
        suppressed: gated[i].suppressed ? [...gated[i].suppressed!] : undefined
      })) as Row[];
      guardPeriodChains(copy as unknown as PeriodRow[], chainColumns, k);
      const out: CellRef[] = [];
      copy.forEach((c, j) => {
        const i = live[j];
        if (c.at_risk === null && gated[i].at_risk !== null) out.push(cellOf(spec, source[i], "at_risk")!);
      });
      return out;
    };
  const marginSpec: CountsSpec<Row> & {registry: PublicationRegistry} = {
    table: "person_period_margins",
    registry,
    minCell: k,
    labels: ["period", "start_day", "end_day", "mentor"],
    dimensions: ["scheme_type"],
    totals: {scheme_type: "all"},
    counts: ppCounts,
    cellDims: (r) =>
      r.scheme_type === "all"
        ? {}
        : r.period === 0
          ? startMentorDims(r.scheme_type as string)
          : {scheme_type: r.scheme_type as Value},
    partial: ["outcome"]
  };
  const gatedMargins = publishLinked(marginRows, marginSpec, chainGuard(marginSpec, marginRows, ["scheme_type"]));
  agree.push(() => applyRegistry(gatedMargins, marginSpec));
  const ppCountNames = ["at_risk", "events"];
  const marginSqlText = sqlFile(
    `person_period_margins: sums of person_period over the covariates (per period; all and per scheme type at the period start). ${GRID_NOTE}`,
    marginStatements,
    BASE_NOTE
  );
  pending.push(() =>
    finish(
      "person_period_margins",
      ["period", "start_day", "end_day", "scheme_type", "mentor", "at_risk", "events", "suppressed"],
      hideShadow(gatedMargins),
      marginSqlText,
      ppCountNames,
      ["start_day", "end_day", "mentor"]
    )
  );
  const ppSpec: CountsSpec<Row> & {registry: PublicationRegistry} = {
    table: "person_period",
    registry,
    minCell: k,
    labels: ["period", "start_day", "end_day", "mentor"],
    dimensions: [...covs, "scheme_type"],
    counts: ppCounts,
    cellDims: ppCellDims,
    partial: ["outcome"]
  };
  // at-risk values of one cell in successive periods must not reveal 1 … k − 1 leavers (or hidden dropouts)
  const gatedPp = publishLinked(pp, ppSpec, chainGuard(ppSpec, pp, [...covs, "scheme_type"]));
  agree.push(() => applyRegistry(gatedPp, ppSpec));
  const ppSqlText = sqlFile(
    `person_period: at risk and dropouts per period from intake (breakpoints ${breaks.join(", ")} days) × covariate cell × mentor status at the period start. ${GRID_NOTE}`,
    ppStatements,
    BASE_NOTE
  );
  pending.push(() =>
    finish(
      "person_period",
      ["period", "start_day", "end_day", ...covs, "scheme_type", "mentor", "at_risk", "events", "suppressed"],
      hideShadow(gatedPp),
      ppSqlText,
      ppCountNames,
      ["start_day", "end_day", "mentor"]
    )
  );

  // ---- Baseline risk: the model (fitted on the whole warehouse), band and group effects, calibration ----------
  pending.push(
    ...(await riskTables({
      con,
      take: recorder.take,
      filters,
      minCell: k,
      registry: riskRegistry,
      agree,
      finish
    }))
  );

  // The fine outcome cells last: the gate's work on a table grows with the cells of the same measure
  // already registered, and these are the most; gating them after the linked survival and
  // person-period tables (whose cells they are checked against either way) does that work once.
  pending.push(await gateOutcomes("outcomes", [...options.strata]));
  // Everything is gated: the seal audits it with what was published before (the site, earlier exports), hiding more if needed.
  const sealed = options.seal
    ? await options.seal(
        registry,
        breaks,
        [...leavers(pp, covs, ppCellDims, k), ...leavers(marginRows, [], marginSpec.cellDims!, k)],
        riskRegistry
      )
    : null;
  for (const f of agree) f();
  const tables = pending.map((f) => f());
  const order = [
    "outcomes_by_mentor",
    "outcomes",
    "stage_hazards",
    "survival",
    "log_rank",
    "person_period_margins",
    "person_period",
    ...RISK_TABLES
  ];
  tables.sort((x, y) => order.indexOf(x.name) - order.indexOf(y.name));

  let events = 0,
    hiddenEvents = 0,
    periods = 0,
    hiddenPeriods = 0;
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
    tables,
    enrolments,
    baseSql,
    base,
    omitted,
    periodBreaks: breaks,
    registry,
    riskRegistry,
    sealed,
    personPeriodHidden: {
      dropouts_in_cells_with_hidden_events: share(hiddenEvents, events),
      person_periods_in_cells_with_hidden_at_risk: share(hiddenPeriods, periods)
    }
  };
}

/**
 * Those who leave a person-period cell in a period other than by dropping out (at risk − events −
 * at risk in the next period: completions, transfers, the end of follow-up), where that is 1 … k − 1:
 * two published at-risk values would give it. Cells by mentor status at the period start where the
 * next period's cell is a part of this one's (intake scheme types, none, all).
 */
function leavers(
  rows: readonly Row[],
  covs: readonly string[],
  cellDims: (r: Row) => Record<string, Value>,
  k: number
): DerivedCell[] {
  const key = (r: Row) => [...covs.map((c) => String(r[c])), String(r.scheme_type)].join("\u0001");
  const byKey = new Map<string, Row[]>();
  for (const r of rows) {
    if (r.scheme_type === "workplace") continue;
    let list = byKey.get(key(r));
    if (!list) byKey.set(key(r), (list = []));
    list[r.period as number] = r;
  }
  const out: DerivedCell[] = [];
  for (const list of byKey.values()) {
    for (let p = 0; p + 1 < list.length; p++) {
      const [a, b] = [list[p], list[p + 1]];
      if (!a || !b) continue;
      const left = (a.at_risk as number) - (a.events as number) - (b.at_risk as number);
      if (left < 1 || left >= k) continue;
      const dims: Record<string, string> = {};
      for (const [d, v] of Object.entries(cellDims(b))) dims[d] = v === null ? "\u0000null" : String(v);
      out.push({measure: `pp_left@${p}`, dims, value: left});
    }
  }
  return out;
}

/** The unpublished period-0 counts leave the rows (and their flags) after gating. */
function hideShadow(rows: (Row & {suppressed?: string[]})[]): Row[] {
  return rows.map((r) => {
    const {not_followed: _a, events_not_followed: _b, ...rest} = r;
    const flags = r.suppressed?.filter((c) => c !== "not_followed" && c !== "events_not_followed");
    return {...rest, suppressed: flags && flags.length ? flags : undefined};
  });
}
