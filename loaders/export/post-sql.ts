/**
 * What happens to each table after its recorded SQL: the steps in TypeScript between the query's result
 * and the published file — the privacy gate, the merging of survival intervals, the Kaplan–Meier, Wilson
 * and log-rank formulas — written out with the formulas and the function names that apply them, so a
 * reader who reruns `sql/<table>.sql` can rerun the rest. The steps are added to the head of each SQL
 * file (`withPostSqlSteps`) and collected in `sql/README.md` (`postSqlReadme`). Pure, no Node APIs.
 */
import {WIDE_STEP} from "./coarsen.ts";

/** z of a two-sided 95 % interval, Φ⁻¹(0.975), as `normalCritical(0.95)` computes it. */
const Z = "z = Φ⁻¹(0.975) = 1.959964";

const GATE = [
  "Privacy gate (`publish`, loaders/privacy/publish.ts; all tables of the export in one `PublicationRegistry`):",
  "a count of 1 … k − 1 students, or whose complement within its total is 1 … k − 1, is emptied",
  "(k = min_cell in provenance.json); when a group of cells that sums to a published total would have",
  "exactly one hidden cell, the next-smallest cell is hidden too; every estimate computed from a hidden",
  "count is emptied with it. The row's `suppressed` column names the emptied columns.",
  "Then `publishLinked` (loaders/export/linked.ts) re-runs the gate with a cell forced hidden when a hidden",
  "cell equals the sum of a fully published group of finer cells, and `sealExport` (seal.ts) audits every",
  "published cell of this export, the site and earlier exports together (linear programming) and hides more",
  "where a hidden count could still be narrowed to 1 … k − 1. So where a value is shown it equals the SQL's;",
  "which values are hidden depends on other publications and cannot be rerun from this export alone."
];

const WILSON = [
  `Wilson 95 % score interval (\`wilson\`, loaders/stats/wilson.ts; = R prop.test(x, n, correct = FALSE)):`,
  `${Z}, centre = (x + z²/2) / (n + z²), half = z · √(x (n − x) / n + z²/4) / (n + z²),`,
  "lower = centre − half, upper = centre + half; x = 0 gives lower = 0 and x = n gives upper = 1 exactly;",
  "n = 0 gives no estimate (empty)."
];

const SHARES = [
  "share_<status> = <status> / n for the statuses completed, dropped, transferred and ongoing (x = the status count),",
  "with share_<status>_lower and _upper its Wilson limits (`outcomeShares`, loaders/export/tables.ts); the gate empties",
  "them with n or the status count.",
  ...WILSON
];

const EFFECT = [
  "Per target and band (group), the stratum counts of the query (strata = institution × programme × main area × prior band",
  "× age band × gender; comparison units = institution × programme, workplace: programme × main area) are combined by",
  "`targetCounts` and `overallRow`/`row` (loaders/analysis/effects.ts): n_/dropped_mentored and n_/dropped_comparison are",
  "the totals of everyone eligible; the comparison uses the students still enrolled when the mentor came (`aligned`).",
  "naive = the difference standardised over the comparison units, adjusted = over the strata, each by",
  "`standardisedDifference` (loaders/stats/standardised-difference.ts, estimand 'sample'): w_i = n1_i / Σ n1 over strata",
  "with n1 > 0 and n0 > 0, RD = Σ w_i (x1_i/n1_i − x0_i/n0_i), Var = Σ w_i² v0_i (1/n1_i + 1/n0_i) with",
  "v0_i = p̃(1 − p̃), p̃ = (x0_i + 2 P0)/(n0_i + 2) (P0 the pooled comparison risk), limits RD ∓ z √Var, " + Z + ";",
  "rate_comparison = Σ w_i x0_i/n0_i over the units with its Wald limits (clipped to 0–1), rate_mentored with Wilson limits;",
  "support_share = Σ n1 of supported strata / Σ n1; strata = the number of supported strata."
];

const NNT = [
  "Number needed to mentor (`withNumberNeeded`, loaders/analysis/effects.ts → `numberNeeded`, loaders/stats/number-needed.ts;",
  "Laupacis 1988, Altman 1998), from adjusted and its limits as published (after the gate): benefit when adjusted_upper < 0:",
  "nnt = 1/(−adjusted), [1/(−adjusted_lower), 1/(−adjusted_upper)]; harm when adjusted_lower > 0: nnt = 1/adjusted,",
  "[1/adjusted_upper, 1/adjusted_lower]; empty when the interval contains 0 or adjusted is hidden."
];

/** Steps after the SQL, per table (lines of plain text, numbered when rendered). */
export const POST_SQL_STEPS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  outcomes_by_mentor: [
    ["The query returns every scheme type of the grid with its counts (`buildTables`, loaders/export/tables.ts)."],
    SHARES,
    GATE
  ],
  outcomes: [
    ["The query returns every combination of the strata and the scheme type (the grid), zeros included."],
    SHARES,
    GATE
  ],
  stage_hazards: [
    [
      "The query's `stage` key is split at '|' into mentor | scheme_type | programme_group | main_area | period | phase",
      "(`stageHazardTable`, loaders/analysis/transitions.ts); the export keeps main_area = period = 'all' and adds a row",
      "with entered = dropped = 0 for every programme group × phase × mentor × scheme type the query does not return."
    ],
    ["hazard = dropped / entered (x = dropped, n = entered).", ...WILSON],
    GATE
  ],
  survival: [
    [
      "The query returns the exact daily table of every curve (`survivalTableSql`, loaders/stats/sql/survival-table.ts, via",
      "`retentionCurves`, loaders/analysis/transitions.ts); the export keeps programme = 'all'. Per curve (set, group),",
      "sorted by time: censored(t) = at_risk(t) − events(t) − at_risk(next time) (0 after the last)."
    ],
    [
      "Consecutive days are merged into intervals (`coarsenSurvivalTable`, loaders/export/coarsen.ts) so that in every",
      "row events, censored and at_risk − events − censored (those left after it) are each 0 or ≥ k. A row carries",
      "the number at risk at its start and the events and censorings in it; `time` is the day of its last event (its",
      "last day when it has none); censorings after that day and before the next row's first event are in the row.",
      "Of the partitions that meet the rule, a dynamic programme takes the one whose step function is closest to the",
      "exact Kaplan–Meier of the daily table (smallest largest gap over the days, within 0.001, then smallest summed gap).",
      "A curve whose first at_risk is below k, or with 1 … k − 1 events or censorings in all, is not published (one empty row)."
    ],
    [
      "Kaplan–Meier on the merged rows (`kaplanMeierFromTable`, loaders/stats/kaplan-meier.ts; = R survfit, conf.type",
      "'log'): with n_i = at_risk and d_i = events of row i,",
      "survival_j = Π_{i ≤ j} (1 − d_i / n_i);  σ²_j = Σ_{i ≤ j, d_i > 0} d_i / (n_i (n_i − d_i))  (Greenwood);",
      "std_err_j = survival_j · σ_j;  lower = survival_j · exp(−z σ_j), upper = min(1, survival_j · exp(z σ_j)), " +
        Z +
        ";",
      "empty when survival_j = 0 or σ_j is infinite (everyone at risk dropped out).",
      `wide_step_j = (survival_{j−1} − survival_j > ${WIDE_STEP}), survival_0 = 1 (\`wideSteps\`, loaders/export/coarsen.ts).`
    ],
    [
      "A curve is published whole or not at all (`publishLinked`): its first at_risk and its events are the same",
      "cells as the counts of outcomes_by_mentor. " + GATE[0],
      ...GATE.slice(1)
    ]
  ],
  log_rank: [
    [
      "Per curve set, the log-rank test on the exact daily tables of the query (`logRankFromTable`,",
      "loaders/stats/log-rank.ts; = R survdiff(rho = 0)): at each event time t with N at risk and D events in all,",
      "n_g at risk and d_g events in group g: O_g = Σ d_g, E_g = Σ D n_g / N,",
      "V_gh = Σ_{N > 1} D (N − D) / (N − 1) · (n_g / N)(δ_gh − n_h / N); chi_square = (O − E)ᵀ V⁻ (O − E) with a",
      "generalised inverse (groups with E_g = 0 and then the first group dropped), df = rank(V), p_value = P(χ²_df > chi_square)."
    ],
    ["The row is empty when a group of the set is not published in survival (its counts would be needed to check it)."]
  ],
  person_period_margins: [
    ["The query returns every period of the grid × scheme type at the period start ('all' = the total)."],
    GATE,
    [
      "Chain rule (`guardPeriodChains`, loaders/export/coarsen.ts): in the chain of one scheme type over the periods,",
      "for two published at_risk values a (earlier) and b (later) with e published events between them, the later",
      "at_risk is emptied when 0 < a − b − e < k (at the end of a chain, where the next value is an implicit 0, the",
      "earlier one); repeated until no such pair is left, inside the gate's loop."
    ]
  ],
  person_period: [
    ["The query returns every period × covariate cell × scheme type at the period start (the grid), zeros included."],
    GATE,
    [
      "Chain rule (`guardPeriodChains`, loaders/export/coarsen.ts), per covariate cell and scheme type: for two published",
      "at_risk values a (earlier) and b (later) with e published events between them, the later at_risk is emptied",
      "when 0 < a − b − e < k (at the end of a chain the earlier one); repeated until no such pair is left."
    ]
  ],
  risk_model: [
    [
      "The first statement returns the fitting data (mature cohorts of the WHOLE warehouse who never had a mentor) by",
      "covariate pattern: n students, x dropouts. Levels of a factor with fewer than min_level_students students are pooled",
      "into '(other)' (and that into the reference, the most common level, when still too small) (`designOf`,",
      "loaders/analysis/risk.ts); treatment coding, intake year linear and centred (value of the intake_year row)."
    ],
    [
      "Fit (`logisticRegression`, loaders/stats/logistic-regression.ts): logit μ_g = x_g·β, x_g ~ Binomial(n_g, μ_g),",
      "maximise ℓ(β) − (λ/2) Σ_{j ≥ 1} β_j² (λ = ridge, intercept unpenalised) by IRLS: β ← β + (XᵀWX + Λ)⁻¹ (Xᵀ(x − nμ) − Λβ),",
      "W = diag(n μ (1 − μ)), until max |Δβ| < 1e-10; std_error = √diag((XᵀWX + Λ)⁻¹). odds_ratio = exp(coefficient),",
      "limits exp(coefficient ∓ z·std_error), " + Z + "."
    ],
    [
      "Cut points: decile_cut = quantile_disc(predicted risk, 0.1 … 0.9) over the fitting population, band_cut = every second",
      "of them (statements of sql/base.sql); c_statistic = P(risk of a dropout > risk of a non-dropout) + ½ P(tie)",
      "(`cStatistic`, loaders/stats/c-statistic.ts), in sample. The last statement applies the published coefficients",
      "(riskSql: 1/(1 + exp(−(intercept + Σ level coefficients + year · (intake_year − centre))))), a level the model does",
      "not know taking '(other)' or else the reference) and the cut points (risk_band = 1 + the number of band cuts the",
      "risk exceeds) to every enrolment — the bands band_effects, group_effects and risk_calibration count in."
    ],
    ["Not gated: no count of students is published (pooling keeps every coefficient to at least min_level_students)."]
  ],
  band_effects: [EFFECT, GATE, NNT],
  group_effects: [
    [
      "The first query counts each scheme type's mentees per band; `riskGroups` (loaders/risk-bands.ts) merges the type's",
      "bands from the lowest up until each group holds at least 20 × k of them (a remainder joins the group before it);",
      "a type with too few mentees to split has the one group 1-5. The second query gives the stratum counts per type and group."
    ],
    EFFECT,
    GATE,
    NNT
  ],
  risk_calibration: [
    [
      "The query returns the deciles present; the export adds those without students (zeros) (`riskCalibration`,",
      "loaders/analysis/risk-calibration.ts). observed = dropped / students (x = dropped, n = students).",
      ...WILSON
    ],
    ["predicted = the mean predicted risk of the decile's students (hidden with students)."],
    GATE
  ],
  microdata: [["None: the rows are the query's result (pseudonymised, not gated), under the data-use agreement."]]
};

/** The steps after the SQL of `table` as SQL comment lines ("" when the table has none listed). */
export function postSqlComment(table: string): string {
  const steps = POST_SQL_STEPS[table];
  if (!steps) return "";
  const lines = [`After this SQL (in TypeScript; formulas and functions also in sql/README.md):`];
  steps.forEach((step, i) => step.forEach((line, j) => lines.push(`${j === 0 ? `  ${i + 1}. ` : "     "}${line}`)));
  return lines.map((l) => `-- ${l}`).join("\n");
}

/** A recorded SQL file with the post-SQL steps after its header comment (the SQL itself unchanged). */
export function withPostSqlSteps(table: string, sql: string): string {
  const comment = postSqlComment(table);
  if (comment === "") return sql;
  const cut = sql.indexOf("\n\n");
  return cut < 0 ? `${comment}\n${sql}` : `${sql.slice(0, cut)}\n--\n${comment}${sql.slice(cut)}`;
}

/** sql/README.md: how to run the files and, per table, the steps after the SQL. */
export function postSqlReadme(tables: readonly string[]): string {
  const out = [
    "# SQL",
    "",
    "Each `<table>.sql` file holds the statements that produced the table, as the export sent them to DuckDB.",
    "Run `base.sql` first on the warehouse (it creates the per-enrolment TEMP tables), then any other file,",
    'e.g. `duckdb warehouse.duckdb -c ".read sql/base.sql" -c ".read sql/stage_hazards.sql"`. The last',
    "statement of each file returns the table before the steps below; where the published file shows a value,",
    "it equals the one these steps give.",
    ""
  ];
  for (const t of tables) {
    const steps = POST_SQL_STEPS[t];
    if (!steps) continue;
    out.push(`## ${t}`, "");
    steps.forEach((step, i) => out.push(`${i + 1}. ${step.join("\n   ")}`));
    out.push("");
  }
  return out.join("\n");
}
