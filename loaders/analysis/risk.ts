/**
 * Baseline risk: every enrolment's predicted risk of dropping out without a
 * mentor, from its observed covariates, and the risk bands and deciles the
 * band effects and the calibration are counted in (README.md, "Baseline risk").
 *
 * Model: logistic regression of dropout by the data date ("ever") on the
 * effect strata's covariates (institution, programme, main area, prior
 * attainment band, age band, gender; main effects, categorical) and the intake
 * year (linear), fitted on the students the question is about: mature cohorts
 * (followed at least the maturity horizon) who never had a mentor. Why a
 * regression rather than the stratum risks the adjusted estimator uses: most of
 * the 6-way strata hold a handful of students, so their raw risks are mostly 0
 * or 1 and would sort students into bands by chance; main effects borrow
 * strength across strata and give every enrolment, mentees included, a risk.
 *
 * - Levels with fewer than MIN_LEVEL_STUDENTS students in the fitting
 *   population are pooled into one "other" level per covariate (and that into
 *   the reference level if it is still too small): a coefficient of a handful
 *   of students would publish their dropout in disguise. Levels the fitting
 *   population does not have take the reference (coefficient 0).
 * - A weak ridge penalty (λ = RISK_RIDGE on every coefficient but the
 *   intercept) keeps a level without any dropout finite; with thousands of
 *   students per level it moves nothing else.
 * - Deciles: cut points at the 10 %, …, 90 % quantiles of the predicted risk in
 *   the fitting population; bands (fifths) at every second of them, so each
 *   band of the fitting population is two deciles. Every enrolment gets a band
 *   by the same cut points; deciles are kept for the fitting population (the
 *   calibration).
 *
 * The prediction is one SQL expression (`riskSql`), used for the site, the
 * export's SQL and the validation's classification of the truth cells.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {cStatistic, logisticRegression, quoteLiteral} from "../stats/index.ts";
import {query} from "../warehouse.ts";

/** Levels with fewer students than this in the fitting population are pooled ("other"). */
export const MIN_LEVEL_STUDENTS = 50;
/** Ridge penalty on the non-intercept coefficients (log-odds scale). */
export const RISK_RIDGE = 1;
/** Pooled small levels. */
export const OTHER_LEVEL = "(other)";

export interface RiskLevel {
  level: string;
  coefficient: number;
  std_error: number;
  /** For the pooled level: the levels it holds. */
  pooled?: string[];
}

export interface RiskFactor {
  factor: string;
  /** The reference level (coefficient 0): the most common in the fitting population. */
  reference: string;
  /** Levels pooled into the reference because they were too small even together. */
  reference_pooled: string[];
  levels: RiskLevel[];
}

export interface RiskModel {
  method: "logistic regression (IRLS, ridge on non-intercept terms)";
  outcome: "dropout by the data date, mature cohorts";
  population: "mature cohorts without any mentor";
  intercept: number;
  intercept_std_error: number;
  /** Log-odds per intake year, centred at `year_centre`. */
  year: {centre: number; coefficient: number; std_error: number};
  factors: RiskFactor[];
  ridge: number;
  min_level_students: number;
  /** Cut points of the predicted risk: deciles (9) and bands (4, every second decile cut). */
  decile_cuts: number[];
  band_cuts: number[];
  /** Concordance of the predicted risk with dropout in the fitting population (in-sample). */
  c_statistic: number;
  converged: boolean;
  iterations: number;
}

/** One row of the risk table (TEMP table per connection). */
export const RISK_COLUMNS = ["baseline_risk", "risk_band", "risk_decile"] as const;

const models = new WeakMap<DuckDBConnection, {table: string; model: RiskModel | null}>();

/** The risk model and TEMP risk table of a connection, once fitted (base.ts fits them with the unfiltered base). */
export function riskOf(con: DuckDBConnection): {table: string; model: RiskModel | null} | undefined {
  return models.get(con);
}

type Pattern = Record<string, string> & {intake_year: number; n: number; x: number};

/** The fitting population: mature cohorts who started and never had a mentor. */
export const RISK_FITTING_SQL = "NOT no_show AND mature AND NOT mentor_any";

/**
 * The data the model is fitted on: the fitting population of `source` (the base's admitted table or enrolment
 * view) grouped by the covariates (`factors`, NULL as '?') and the intake year, with students (n) and dropouts (x).
 */
export function riskPatternsSql(source: string, factors: readonly string[]): string {
  const cols = factors.map((f) => `coalesce(CAST(${f} AS VARCHAR), '?') AS ${f}`).join(", ");
  return `SELECT ${cols}, intake_year, CAST(count(*) AS INTEGER) AS n, CAST(count(*) FILTER (WHERE dropped) AS INTEGER) AS x
     FROM ${source} WHERE ${RISK_FITTING_SQL} GROUP BY ALL ORDER BY ALL`;
}

/**
 * Fit the model on `admitted` (the base's admitted table: started enrolments and no-shows, with the
 * covariates, `mature`, `mentor_any`, `dropped`) and write the TEMP table `table` (enrolment_id,
 * baseline_risk, risk_band, risk_decile) for every started enrolment. Null model (and NULL columns) when
 * the fitting population has no dropout or no non-dropout: no risk can be estimated.
 */
export async function fitRiskModel(
  con: DuckDBConnection,
  admitted: string,
  factors: readonly string[],
  table: string
): Promise<RiskModel | null> {
  const patterns = await query<Pattern>(con, riskPatternsSql(admitted, factors));
  const N = patterns.reduce((a, p) => a + p.n, 0);
  const X = patterns.reduce((a, p) => a + p.x, 0);
  let model: RiskModel | null = null;
  if (X > 0 && X < N) {
    const design = designOf(patterns, factors);
    const fit = logisticRegression(
      patterns.map((p) => ({x: design.row(p), events: p.x, trials: p.n})),
      {ridge: RISK_RIDGE}
    );
    model = design.model(fit.coefficients, fit.standardErrors, fit.converged, fit.iterations);
  }
  const risk = model ? riskSql(model) : "CAST(NULL AS DOUBLE)";
  await con.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${riskOfEachSql(risk, admitted)}`);
  if (model) {
    const [cuts] = await query<{q: number[]}>(
      con,
      `SELECT quantile_disc(baseline_risk, [${[1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => i / 10).join(", ")}]) AS q FROM ${table} WHERE fitting`
    );
    model.decile_cuts = cuts.q.map(Number);
    model.band_cuts = model.decile_cuts.filter((_, i) => i % 2 === 1);
    const scored = await query<{risk: number; n: number; x: number}>(
      con,
      `SELECT r.baseline_risk AS risk, CAST(count(*) AS INTEGER) AS n, CAST(count(*) FILTER (WHERE a.dropped) AS INTEGER) AS x
       FROM ${table} r JOIN ${admitted} a USING (enrolment_id) WHERE r.fitting GROUP BY 1`
    );
    model.c_statistic = cStatistic(scored.map((s) => ({score: s.risk, events: s.x, trials: s.n})));
  }
  await con.run(`CREATE OR REPLACE TEMP TABLE ${table} AS
    SELECT enrolment_id, baseline_risk, ${bandColumnsSql(model)} FROM ${table}`);
  models.set(con, {table, model});
  return model;
}

/** Each started enrolment of `source` with its predicted risk (`risk`, an SQL expression) and whether it is in the fitting population. */
const riskOfEachSql = (risk: string, source: string) =>
  `SELECT enrolment_id, ${risk} AS baseline_risk, ${RISK_FITTING_SQL} AS fitting FROM ${source} WHERE NOT no_show`;

/** The band of every enrolment and the decile of the fitting population, from the columns baseline_risk and fitting. */
const bandColumnsSql = (model: RiskModel | null) =>
  `${model ? bandSql(model.band_cuts, "baseline_risk") : "CAST(NULL AS INTEGER)"} AS risk_band,
      CASE WHEN fitting THEN ${model ? bandSql(model.decile_cuts, "baseline_risk") : "NULL"} END AS risk_decile`;

/**
 * A fitted model's predicted risk, band and decile of every started enrolment of `source` (the base's admitted
 * table or enrolment view), by the same SQL as the risk table (`fitRiskModel`): the researcher export's record.
 */
export function riskScoresSql(model: RiskModel, source: string): string {
  return `SELECT enrolment_id, baseline_risk, ${bandColumnsSql(model)}
    FROM (${riskOfEachSql(riskSql(model), source)})
    ORDER BY enrolment_id`;
}

/** The design matrix of the patterns: intercept, treatment-coded factors (small levels pooled), centred year. */
function designOf(patterns: Pattern[], factors: readonly string[]) {
  const total = (f: string) => {
    const m = new Map<string, number>();
    for (const p of patterns) m.set(p[f], (m.get(p[f]) ?? 0) + p.n);
    return m;
  };
  const N = patterns.reduce((a, p) => a + p.n, 0);
  const centre = Math.round(patterns.reduce((a, p) => a + p.intake_year * p.n, 0) / N);
  const coding = factors.map((factor) => {
    const counts = [...total(factor)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const reference = counts[0][0];
    const small = counts.filter(([l, n]) => l !== reference && n < MIN_LEVEL_STUDENTS).map(([l]) => l);
    const smallN = counts.filter(([l]) => small.includes(l)).reduce((a, [, n]) => a + n, 0);
    const otherKept = small.length > 0 && smallN >= MIN_LEVEL_STUDENTS;
    const kept = counts.map(([l]) => l).filter((l) => l !== reference && !small.includes(l));
    const levels = otherKept ? [...kept, OTHER_LEVEL] : kept;
    const levelOf = (v: string) => (small.includes(v) ? (otherKept ? OTHER_LEVEL : reference) : v);
    return {factor, reference, small, otherKept, levels, levelOf};
  });
  const row = (p: Pattern): number[] => {
    const x = [1];
    for (const c of coding) {
      const l = c.levelOf(p[c.factor]);
      for (const level of c.levels) x.push(l === level ? 1 : 0);
    }
    x.push(p.intake_year - centre);
    return x;
  };
  const model = (b: number[], se: number[], converged: boolean, iterations: number): RiskModel => {
    let j = 1;
    const factorsOut: RiskFactor[] = coding.map((c) => ({
      factor: c.factor,
      reference: c.reference,
      reference_pooled: c.otherKept ? [] : c.small.sort(),
      levels: c.levels.map((level) => {
        const out: RiskLevel = {level, coefficient: b[j], std_error: se[j]};
        if (level === OTHER_LEVEL) out.pooled = [...c.small].sort();
        j++;
        return out;
      })
    }));
    return {
      method: "logistic regression (IRLS, ridge on non-intercept terms)",
      outcome: "dropout by the data date, mature cohorts",
      population: "mature cohorts without any mentor",
      intercept: b[0],
      intercept_std_error: se[0],
      year: {centre, coefficient: b[j], std_error: se[j]},
      factors: factorsOut,
      ridge: RISK_RIDGE,
      min_level_students: MIN_LEVEL_STUDENTS,
      decile_cuts: [],
      band_cuts: [],
      c_statistic: NaN,
      converged,
      iterations
    };
  };
  return {row, model};
}

/**
 * The predicted risk as one SQL expression over the covariate columns (`alias.` prefixed): expit of the linear
 * predictor. A level the model does not know takes the pooled level when there is one, else the reference.
 */
export function riskSql(model: RiskModel, alias = ""): string {
  const a = alias ? `${alias}.` : "";
  const terms = model.factors.map((f) => {
    const col = `coalesce(CAST(${a}${f.factor} AS VARCHAR), '?')`;
    const other = f.levels.find((l) => l.level === OTHER_LEVEL);
    const named = f.levels.filter((l) => l.level !== OTHER_LEVEL);
    const known = [f.reference, ...f.reference_pooled, ...named.map((l) => l.level)];
    const whens = named.map((l) => `WHEN ${col} = ${quoteLiteral(l.level)} THEN ${l.coefficient}`);
    const otherwise = other
      ? `WHEN ${col} NOT IN (${known.map(quoteLiteral).join(", ")}) THEN ${other.coefficient}`
      : "";
    return whens.length || otherwise ? `CASE ${whens.join(" ")} ${otherwise} ELSE 0 END` : "0";
  });
  const eta = [
    String(model.intercept),
    ...terms,
    `${model.year.coefficient} * (${a}intake_year - ${model.year.centre})`
  ];
  return `1 / (1 + exp(-(${eta.join(" + ")})))`;
}

/** The band (decile) of a risk under ascending cut points: 1 + the number of cuts the risk exceeds (a risk on a cut stays below it). */
export function bandSql(cuts: readonly number[], risk: string): string {
  return `CAST(1 ${cuts.map((c) => `+ CAST(${risk} > ${c} AS INTEGER)`).join(" ")} AS INTEGER)`;
}
