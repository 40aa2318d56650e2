/**
 * DuckDB SQL for the log-rank table consumed by `logRankFromTable`: one row
 * per (distinct event time × group) with
 *
 *   grp      = group label (cast to VARCHAR),
 *   time     = a time at which at least one event occurs in any group,
 *   at_risk  = rows of the group with time ≥ t,
 *   events   = events of the group at t,
 *
 * counts cast to INTEGER, ordered by time, then grp. Computed inside DuckDB:
 * per-(group, time) counts are unioned with a zero-count grid (groups × event
 * times), and at_risk is a reverse cumulative sum over each group (window
 * function), so every group has a row at every event time. Produces exactly
 * `logRankTable(time, event, group)` (with string group labels).
 *
 * Input: relation with a time column, an event column (BOOLEAN or 0/1) and a
 * group column. NULL/NaN/infinite times, NULL groups and events other than
 * 0/1 raise a DuckDB error.
 *
 * Note: with no events at all the table is empty; pass the group labels to
 * `logRankFromTable(rows, {groups})` if you need them listed.
 *
 * @example
 * const rows = (await con.runAndReadAll(logRankTableSql("spells"))).getRowObjectsJson();
 * const test = logRankFromTable(rows as LogRankTableRowInput<string>[]);
 */
import {eventExpression, quoteIdentifier, relationSql, timeExpression} from "./common.ts";

export interface LogRankTableSqlOptions {
  /** Name of the time column, default "time". */
  time?: string;
  /** Name of the event column, default "event". */
  event?: string;
  /** Name of the group column, default "grp". */
  group?: string;
}

export function logRankTableSql(
  relation: string,
  {time = "time", event = "event", group = "grp"}: LogRankTableSqlOptions = {}
): string {
  const g = quoteIdentifier(group);
  return `WITH src AS (
  SELECT
    CASE WHEN ${g} IS NOT NULL THEN CAST(${g} AS VARCHAR) ELSE error('group must not be NULL') END AS grp,
    ${timeExpression(time)} AS time,
    ${eventExpression(event)} AS event
  FROM ${relationSql(relation)} AS input_relation
),
per_time AS (
  SELECT grp, time, count(*) AS n, sum(event) AS events FROM src GROUP BY grp, time
),
event_times AS (
  SELECT time FROM per_time GROUP BY time HAVING sum(events) > 0
),
all_groups AS (
  SELECT DISTINCT grp FROM per_time
),
grid AS (
  SELECT grp, time, sum(n) AS n, sum(events) AS events
  FROM (
    SELECT grp, time, n, events FROM per_time
    UNION ALL
    SELECT all_groups.grp, event_times.time, 0 AS n, 0 AS events FROM all_groups CROSS JOIN event_times
  ) AS combined
  GROUP BY grp, time
),
cumulative AS (
  SELECT grp, time, events,
    sum(n) OVER (PARTITION BY grp ORDER BY time DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS at_risk
  FROM grid
)
SELECT grp, time, CAST(at_risk AS INTEGER) AS at_risk, CAST(events AS INTEGER) AS events
FROM cumulative
WHERE time IN (SELECT time FROM event_times)
ORDER BY time, grp`;
}
