// A DuckDB SQL copy of the filling steps of the export README's Python (and R) recipe, for machines
// without pandas: the same rule, so R's GLM on its cells must give the R recipe's odds ratios.
//   1. margins (period × scheme type) from the period's total: the part not shown by the scheme types
//      goes to the hidden ones, at_risk in proportion to the type's at_risk interpolated over the periods
//      where it is shown (at least 1), events in proportion to at_risk;
//   2. where the total is hidden too: at_risk, and the dropout rate events / at_risk, interpolated
//      linearly over the periods of the scheme type (constant before the first and after the last value);
//   3. cells from their margin by the rule of step 1 (the prior: the cell's own at_risk over the periods);
//      a hidden count at least 1, events at most at_risk; cells without a value or nobody at risk left out.
// A division by zero is NULL (R's NaN), and NULLs are left out of sums as R's na.rm = TRUE does.
import type {DuckDBConnection} from "@duckdb/node-api";
import {query} from "../../loaders/warehouse.ts";
import {readSql} from "./helpers.ts";

const q = (name: string) => `"${name}"`;

/** `x` when it is at least `min`, else `min`; NULL when it is NULL (DuckDB's greatest() ignores NULLs). */
const atLeast = (min: number, x: string) => `(CASE WHEN ${x} < ${min} THEN ${min} ELSE ${x} END)`;

/**
 * Column `col` of `rows` with its hidden (NULL) values filled from the total in `top` matched on `by`:
 * the total minus the shown values of the group, shared in proportion to `weight` (an SQL expression
 * over the row, aliased d), at least 1.
 */
function fillSql(rows: string, top: string, by: readonly string[], col: string, weight: string): string {
  const c = q(col);
  const shown = `coalesce(sum(d.${c}) OVER w, 0)`;
  const w = `(CASE WHEN d.${c} IS NULL THEN ${weight} ELSE 0 END)`;
  return `SELECT d.* REPLACE (CASE WHEN d.${c} IS NULL THEN ${atLeast(1, `${atLeast(0, `t.${c} - ${shown}`)} * ${w} / NULLIF(sum(${w}) OVER w, 0)`)} ELSE d.${c} END AS ${c})
FROM ${rows} d LEFT JOIN ${top} t ON ${by.map((b) => `d.${q(b)} = t.${q(b)}`).join(" AND ")}
WINDOW w AS (PARTITION BY ${by.map((b) => `d.${q(b)}`).join(", ")})`;
}

/** `rows` with `value` (an SQL expression) as column `name`, its NULLs interpolated over the periods of each series (`dims`). */
function interpSql(rows: string, dims: readonly string[], name: string, value: string): string {
  const series = `PARTITION BY ${dims.map(q).join(", ")} ORDER BY period ROWS BETWEEN`;
  const before = `${series} UNBOUNDED PRECEDING AND CURRENT ROW`;
  const after = `${series} CURRENT ROW AND UNBOUNDED FOLLOWING`;
  return `SELECT * EXCLUDE (_x, _v0, _p0, _v1, _p1), coalesce(_x, CASE WHEN _v0 IS NULL THEN _v1 WHEN _v1 IS NULL THEN _v0
    ELSE _v0 + (_v1 - _v0) * (period - _p0) / (_p1 - _p0) END) AS ${q(name)}
FROM (SELECT *,
    last_value(_x IGNORE NULLS) OVER (${before}) AS _v0, last_value(CASE WHEN _x IS NOT NULL THEN period END IGNORE NULLS) OVER (${before}) AS _p0,
    first_value(_x IGNORE NULLS) OVER (${after}) AS _v1, first_value(CASE WHEN _x IS NOT NULL THEN period END IGNORE NULLS) OVER (${after}) AS _p1
  FROM (SELECT *, ${value} AS _x FROM ${rows}))`;
}

/**
 * The filled person-period cells of the export in `dir` (CSV files), as the recipe's `cells`: the columns
 * of person_period with at_risk and events filled, only cells with someone at risk and a value.
 */
export async function recipeCells(con: DuckDBConnection, dir: string): Promise<Record<string, unknown>[]> {
  const read = (file: string) =>
    `(SELECT * REPLACE (CAST(at_risk AS DOUBLE) AS at_risk, CAST(events AS DOUBLE) AS events) FROM ${readSql(`${dir}/${file}`)})`;
  const notDims = new Set(["period", "start_day", "end_day", "mentor", "at_risk", "events", "suppressed"]);
  const columns = await query<{column_name: string}>(con, `DESCRIBE SELECT * FROM ${read("person_period.csv")}`);
  const cellDims = columns.map((c) => c.column_name).filter((c) => !notDims.has(c));
  const typeDims = ["scheme_type"];
  // the prior of a hidden at_risk: the row's at_risk interpolated over its series, at least 1
  const withPrior = (rows: string, dims: readonly string[]) =>
    `SELECT * EXCLUDE (p) REPLACE (coalesce(${atLeast(1, "p")}, 1) AS prior) FROM (${interpSql(`(SELECT *, NULL AS prior FROM ${rows})`, dims, "p", "at_risk")})`;
  const steps: [string, string][] = [
    [
      "rc_types0",
      withPrior(`(SELECT * FROM ${read("person_period_margins.csv")} WHERE scheme_type <> 'all')`, typeDims)
    ],
    ["rc_total", `SELECT * FROM ${read("person_period_margins.csv")} WHERE scheme_type = 'all'`],
    ["rc_types1", fillSql("rc_types0", "rc_total", ["period"], "at_risk", "d.prior")],
    [
      "rc_types2",
      `SELECT * EXCLUDE (filled) REPLACE (filled AS at_risk) FROM (${interpSql("rc_types1", typeDims, "filled", "at_risk")})`
    ],
    ["rc_types3", fillSql("rc_types2", "rc_total", ["period"], "events", "d.at_risk")],
    [
      "rc_types",
      `SELECT * EXCLUDE (rate) REPLACE (coalesce(events, ${atLeast(1, "at_risk * rate")}) AS events)
FROM (${interpSql("rc_types3", typeDims, "rate", "events / NULLIF(at_risk, 0)")})`
    ],
    ["rc_cells0", withPrior(read("person_period.csv"), cellDims)],
    ["rc_cells1", fillSql("rc_cells0", "rc_types", ["period", "scheme_type"], "at_risk", "d.prior")],
    ["rc_cells2", fillSql("rc_cells1", "rc_types", ["period", "scheme_type"], "events", "d.at_risk")]
  ];
  for (const [name, sql] of steps) await query(con, `CREATE OR REPLACE TEMP TABLE ${name} AS ${sql}`);
  return query(
    con,
    `SELECT * EXCLUDE (prior) REPLACE (CASE WHEN events > at_risk THEN at_risk ELSE events END AS events)
FROM rc_cells2 WHERE at_risk > 0 AND events IS NOT NULL ORDER BY ALL`
  );
}
