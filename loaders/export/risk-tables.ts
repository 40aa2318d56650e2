/**
 * The baseline-risk tables of a researcher export (analysis/risk.ts, analysis/effects.ts):
 *
 * - risk_model: the model's coefficients (one row per term; pooled levels listed), its cut points and
 *   C-statistic — the model fitted on the WHOLE warehouse (`prepareBase` fits it once per connection), so the
 *   bands of any cohort are the site's;
 * - band_effects: the cohort's overall mentor effect per risk band (`riskBandEffects`), with the number needed
 *   to mentor from the published interval (`withNumberNeeded`);
 * - group_effects: each scheme type's effect per risk group (`riskGroupEffects`: its bands merged until each
 *   group holds 20 × k of the type's mentees in the cohort, as on the site);
 * - risk_calibration: the model's calibration by decile in the cohort's fitting population (`riskCalibration`).
 *
 * The counts pass the export's gate with the site's specs (analysis/gate-specs.ts), so the same students are
 * the same cells, and the seal audits them with everything else (privacy/model.ts models them in the cohort).
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {riskBandEffects, riskGroupEffects, withNumberNeeded} from "../analysis/effects.ts";
import {bandEffectSpec, calibrationSpec} from "../analysis/gate-specs.ts";
import {detailMin} from "../analysis/detail.ts";
import {riskCalibration} from "../analysis/risk-calibration.ts";
import {riskOf, riskPatternsSql, riskScoresSql, type RiskModel} from "../analysis/risk.ts";
import {prepareBase} from "../analysis/sql/base.ts";
import type {CohortFilters, RiskBandEffectRow, RiskGroupEffectRow} from "../analysis/types.ts";
import {publish, type CountsSpec, type PublicationRegistry, type Row, type Value} from "../privacy/index.ts";
import {normalCritical} from "../stats/index.ts";
import {query} from "../warehouse.ts";
import {applyRegistry, publishLinked} from "./linked.ts";
import {sqlFile} from "./sql-recorder.ts";
import type {ExportTable} from "./tables.ts";

/**
 * The columns of an effect row an export publishes (after the band or group columns). band_effects leaves out
 * the origin: whether a band's row is "mixed" (workplace mentees in the band) or "intake" would say whether a
 * hidden part is empty; group_effects has it (it follows from the scheme type).
 */
export const EFFECT_COLUMNS = [
  "n_mentored",
  "dropped_mentored",
  "rate_mentored",
  "rate_mentored_lower",
  "rate_mentored_upper",
  "n_comparison",
  "dropped_comparison",
  "rate_comparison",
  "rate_comparison_lower",
  "rate_comparison_upper",
  "naive",
  "naive_lower",
  "naive_upper",
  "adjusted",
  "adjusted_lower",
  "adjusted_upper",
  "adjusted_rate_without",
  "support_share",
  "strata",
  "nnt",
  "nnt_lower",
  "nnt_upper",
  "nnt_kind"
] as const;
const EFFECT_COUNTS = ["n_mentored", "dropped_mentored", "n_comparison", "dropped_comparison"];

export const RISK_MODEL_COLUMNS = [
  "term",
  "factor",
  "level",
  "pooled_levels",
  "coefficient",
  "std_error",
  "odds_ratio",
  "odds_ratio_lower",
  "odds_ratio_upper",
  "value"
] as const;
export type RiskModelRow = Record<(typeof RISK_MODEL_COLUMNS)[number], string | number | null>;

export const CALIBRATION_COLUMNS = [
  "risk_decile",
  "students",
  "dropped",
  "observed",
  "observed_lower",
  "observed_upper",
  "predicted"
] as const;

const Z95 = normalCritical(0.95);

/**
 * The rows of risk_model: the intercept (log-odds at every factor's reference level and the centre year), the
 * reference level of each factor (coefficient 0; `pooled_levels` = the small levels pooled into it), each other
 * level (`(other)` with the levels it pools), the intake-year term (per year; `value` = the centre year), then
 * the band cut points (`factor` risk_band, `level` = the band below the cut), the decile cut points, the
 * C-statistic, the ridge penalty and the minimum level size (`factor` "(model)", `level` = the term). Odds ratios exp(b) with exp(b ± z·se), z = Φ⁻¹(0.975).
 */
export function riskModelRows(model: RiskModel): RiskModelRow[] {
  const coef = (b: number, se: number | null) => ({
    coefficient: b,
    std_error: se,
    odds_ratio: Math.exp(b),
    odds_ratio_lower: se === null ? null : Math.exp(b - Z95 * se),
    odds_ratio_upper: se === null ? null : Math.exp(b + Z95 * se),
    value: null
  });
  // every row has a factor and a level (the table's key): the model's own terms are "(intercept)" and "(model)"
  const own = (term: string) => ({
    factor: term === "intercept" ? "(intercept)" : "(model)",
    level: term,
    pooled_levels: null
  });
  const noCoef = {coefficient: null, std_error: null, odds_ratio: null, odds_ratio_lower: null, odds_ratio_upper: null};
  const cut = (term: string, factor: string, i: number, value: number) => ({
    term,
    factor,
    level: String(i + 1),
    pooled_levels: null,
    ...noCoef,
    value
  });
  const list = (xs: readonly string[] | undefined) => (xs && xs.length ? xs.join(";") : null);
  return [
    {term: "intercept", ...own("intercept"), ...coef(model.intercept, model.intercept_std_error)},
    ...model.factors.flatMap((f) => [
      {
        term: "reference",
        factor: f.factor,
        level: f.reference,
        pooled_levels: list(f.reference_pooled),
        ...coef(0, null)
      },
      ...f.levels.map((l) => ({
        term: "level",
        factor: f.factor,
        level: l.level,
        pooled_levels: list(l.pooled),
        ...coef(l.coefficient, l.std_error)
      }))
    ]),
    {
      term: "intake_year",
      factor: "intake_year",
      level: "per year",
      pooled_levels: null,
      ...coef(model.year.coefficient, model.year.std_error),
      value: model.year.centre
    },
    ...model.band_cuts.map((c, i) => cut("band_cut", "risk_band", i, c)),
    ...model.decile_cuts.map((c, i) => cut("decile_cut", "risk_decile", i, c)),
    {term: "c_statistic", ...own("c_statistic"), ...noCoef, value: model.c_statistic},
    {term: "ridge", ...own("ridge"), ...noCoef, value: model.ridge},
    {term: "min_level_students", ...own("min_level_students"), ...noCoef, value: model.min_level_students}
  ];
}

export interface RiskTableContext {
  /** The recording connection (sql-recorder.ts). */
  con: DuckDBConnection;
  /** The statements recorded since the last call. */
  take: () => string[];
  filters: CohortFilters;
  minCell: number;
  registry: PublicationRegistry;
  /** Re-applies the registry to the gated rows after the seal (tables.ts). */
  agree: (() => number)[];
  finish: (
    name: string,
    columns: string[],
    gated: readonly Record<string, unknown>[],
    sql: string,
    countColumns: string[],
    redundant?: string[]
  ) => ExportTable;
}

const NOTE = "Runs on the TEMP tables created by sql/base.sql (the analysis layer's per-enrolment base tables).";

/** Gate the baseline-risk tables; each returned function finishes one table after the seal. */
export async function riskTables(c: RiskTableContext): Promise<(() => ExportTable)[]> {
  const {con, take, filters, registry} = c;
  const out: (() => ExportTable)[] = [];
  c.take(); // nothing of earlier tables in these files

  // ---- risk_model: the fitting data and the prediction, recorded; the coefficients from the fit -------------
  const all = await prepareBase(con, {});
  const model = riskOf(con)?.model ?? null;
  const factors = model ? model.factors.map((f) => f.factor) : [];
  if (model) {
    await query(con, riskPatternsSql(all.enrol, factors));
    await con.run(riskScoresSql(model, all.enrol));
  }
  const modelSql = sqlFile(
    "risk_model: the baseline-risk model (loaders/analysis/risk.ts), fitted on the WHOLE warehouse, not the cohort.\n" +
      "First statement: the data the model is fitted on (riskPatternsSql: mature cohorts without any mentor, by covariates and intake year).\n" +
      "Last statement: every enrolment's predicted risk with the published coefficients (riskSql), its band (risk_band, by the band cut points)\n" +
      "and, in the fitting population, its decile (riskScoresSql) — the bands band_effects and group_effects count in." +
      (model ? "" : "\nNo model: the fitting population has no dropout or no non-dropout."),
    take(),
    NOTE
  );
  const modelRows = publish(model ? riskModelRows(model) : [], {
    kind: "reference",
    table: "risk_model",
    labels: [...RISK_MODEL_COLUMNS]
  });
  out.push(() => c.finish("risk_model", [...RISK_MODEL_COLUMNS], modelRows, modelSql, [], [...RISK_MODEL_COLUMNS]));

  // ---- band and group effects: the site's specs; NNT from the interval as finally published ------------------
  const effects = async <R extends RiskBandEffectRow | RiskGroupEffectRow>(
    name: "band_effects" | "group_effects",
    by: "risk_band" | "risk_group",
    dims: string[],
    labels: string[],
    rows: R[],
    title: string
  ) => {
    const sql = sqlFile(title, take(), NOTE);
    const spec = {...bandEffectSpec(name, registry, by), minCell: c.minCell} as unknown as CountsSpec<Row> & {
      registry: PublicationRegistry;
    };
    const gated = publishLinked(rows as unknown as Row[], spec);
    c.agree.push(() => applyRegistry(gated, spec));
    const columns = [...dims, ...labels, ...EFFECT_COLUMNS, "suppressed"];
    out.push(() =>
      c.finish(
        name,
        columns,
        gated.map((r) => withNumberNeeded(r as unknown as R)) as unknown as Record<string, Value>[],
        sql,
        EFFECT_COUNTS,
        columns.filter((x) => !dims.includes(x) && !EFFECT_COUNTS.includes(x))
      )
    );
  };
  await effects(
    "band_effects",
    "risk_band",
    ["risk_band"],
    [],
    await riskBandEffects(con, filters),
    "band_effects: loaders/analysis/effects.ts riskBandEffects — the overall mentor effect ('ever': dropout by the data date, mature cohorts)\n" +
      "per baseline-risk band: the stratum counts of the workplace part (by scheme type) and of the intake part (all intake mentees), per band."
  );
  await effects(
    "group_effects",
    "risk_group",
    ["scheme_type", "risk_group"],
    ["band_from", "band_to", "origin"],
    await riskGroupEffects(con, {minMentees: detailMin(c.minCell)}, filters),
    "group_effects: loaders/analysis/effects.ts riskGroupEffects — each scheme type's mentor effect ('ever') per risk group:\n" +
      `the type's bands merged from the lowest up until each group holds ${detailMin(c.minCell)} (20 × k) of its mentees in the cohort (riskGroups,\n` +
      "loaders/risk-bands.ts; the first query counts them per band), then the stratum counts per scheme type and group (the second)."
  );

  // ---- calibration ------------------------------------------------------------------------------------------
  const calibration = await riskCalibration(con, filters);
  const calibrationSql = sqlFile(
    "risk_calibration: loaders/analysis/risk-calibration.ts riskCalibration — the cohort's fitting population (mature, no mentor)\n" +
      "per decile of the predicted risk (the whole warehouse's decile cut points): students, dropouts, mean predicted risk.",
    take(),
    NOTE
  );
  const calSpec = {
    ...calibrationSpec("risk_calibration", registry),
    minCell: c.minCell
  } as unknown as CountsSpec<Row> & {
    registry: PublicationRegistry;
  };
  const gatedCal = publishLinked(calibration as unknown as Row[], calSpec);
  c.agree.push(() => applyRegistry(gatedCal, calSpec));
  out.push(() =>
    c.finish(
      "risk_calibration",
      [...CALIBRATION_COLUMNS, "suppressed"],
      gatedCal,
      calibrationSql,
      ["students", "dropped"],
      ["observed", "observed_lower", "observed_upper", "predicted"]
    )
  );
  return out;
}
