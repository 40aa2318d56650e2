/**
 * DuckDB SQL for the survival table consumed by `kaplanMeierFromTable`:
 * one row per (group columns…, distinct time) with
 *
 *   at_risk  = number of rows of the group with time ≥ t
 *              (reverse cumulative sum of per-time counts, a window function),
 *   events   = number of events at t,
 *   censored = number of non-events at t,
 *
 * all cast to INTEGER (so `getRowObjectsJson()` returns numbers, not BIGINT
 * strings) and ordered by the group columns, then time. The computation runs
 * entirely inside DuckDB (GROUP BY + window), so only one row per distinct
 * time leaves the database. It produces exactly `survivalTable(time, event)`
 * for each group.
 *
 * Input: a relation (table/view name or subquery) with a time column (any
 * numeric type), an event column (BOOLEAN or 0/1) and optional group columns.
 * NULL/NaN/infinite times and events other than 0/1 raise a DuckDB error,
 * mirroring the RangeError of the TypeScript path.
 *
 * @example
 * const sql = survivalTableSql("SELECT * FROM spells", {groupBy: ["grp"]});
 * const rows = (await con.runAndReadAll(sql)).getRowObjectsJson();
 * const km = kaplanMeierByGroup(rows, ["grp"]);          // or, ungrouped:
 * const km1 = kaplanMeierFromTable((await con.runAndReadAll(survivalTableSql("spells"))).getRowObjectsJson());
 */
import {eventExpression, quoteIdentifier, relationSql, timeExpression} from "./common.ts";

export interface SurvivalTableSqlOptions {
  /** Group (stratum) columns; one survival table per combination. Default none. */
  groupBy?: readonly string[];
  /** Name of the time column, default "time". */
  time?: string;
  /** Name of the event column, default "event". */
  event?: string;
}

export function survivalTableSql(
  relation: string,
  {groupBy = [], time = "time", event = "event"}: SurvivalTableSqlOptions = {}
): string {
  const groups = groupBy.map(quoteIdentifier);
  const groupSelect = groups.map((g) => `${g}, `).join("");
  const partition = groups.length > 0 ? `PARTITION BY ${groups.join(", ")} ` : "";
  const orderBy = [...groups, "time"].join(", ");
  return `WITH src AS (
  SELECT ${groupSelect}${timeExpression(time)} AS time, ${eventExpression(event)} AS event
  FROM ${relationSql(relation)} AS input_relation
),
per_time AS (
  SELECT ${groupSelect}time, count(*) AS n, sum(event) AS events
  FROM src
  GROUP BY ${[...groups, "time"].join(", ")}
)
SELECT ${groupSelect}time,
  CAST(sum(n) OVER (${partition}ORDER BY time DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS INTEGER) AS at_risk,
  CAST(events AS INTEGER) AS events,
  CAST(n - events AS INTEGER) AS censored
FROM per_time
ORDER BY ${orderBy}`;
}
