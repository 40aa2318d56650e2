/**
 * DuckDB SQL producing per-stage counts (stage VARCHAR, entered INTEGER,
 * dropped INTEGER) for `stageHazards`, computed inside DuckDB. Identical to
 * `stageCounts(records, {stageOrder})` on the same data.
 *
 * Two input layouts:
 * - "lists" (default): one row per participant with `stages VARCHAR[]` (the
 *   stages entered) and `dropped_in VARCHAR` (NULL if not dropped) — the
 *   `StageRecord` shape. Stages are unnested in SQL.
 * - "long": one row per (participant, stage entered) with `stage VARCHAR`
 *   and `dropped` (BOOLEAN or 0/1: dropped out in that stage).
 * Column names can be overridden.
 *
 * Ordering: `stageOrder` if given (stages missing from the data are returned
 * with zero counts; stages not listed raise a DuckDB error), otherwise by
 * stage name. In the "lists" layout, a `dropped_in` not among the record's
 * stages or duplicate stages in a record raise a DuckDB error (as the
 * TypeScript path throws RangeError).
 *
 * @example
 * const rows = (await con.runAndReadAll(stageHazardSql("participants", {stageOrder: ["intake", "matching", "active"]}))).getRowObjectsJson();
 * const hazards = stageHazards(rows as StageCountInput[]);
 */
import {quoteIdentifier, quoteLiteral, relationSql} from "./common.ts";

export interface StageHazardSqlOptions {
  layout?: "lists" | "long";
  /** Output order of stages (see module comment). */
  stageOrder?: readonly string[];
  /** "lists" layout: column with the VARCHAR[] of stages entered (default "stages"). */
  stages?: string;
  /** "lists" layout: column with the dropout stage or NULL (default "dropped_in"). */
  droppedIn?: string;
  /** "long" layout: stage column (default "stage"). */
  stage?: string;
  /** "long" layout: dropped-in-this-stage column (default "dropped"). */
  dropped?: string;
}

export function stageHazardSql(
  relation: string,
  {
    layout = "lists",
    stageOrder,
    stages = "stages",
    droppedIn = "dropped_in",
    stage = "stage",
    dropped = "dropped"
  }: StageHazardSqlOptions = {}
): string {
  let counts: string;
  if (layout === "lists") {
    const s = quoteIdentifier(stages);
    const d = quoteIdentifier(droppedIn);
    counts = `checked AS (
  SELECT
    CASE
      WHEN list_contains(${s}, NULL) OR len(list_distinct(${s})) <> len(${s}) THEN error('stages must be distinct, non-NULL stage names')
      WHEN ${d} IS NOT NULL AND NOT list_contains(${s}, ${d}) THEN error('dropped_in ' || ${d} || ' is not among the record''s stages')
      ELSE ${s}
    END AS stages,
    CAST(${d} AS VARCHAR) AS dropped_in
  FROM ${relationSql(relation)} AS input_relation
),
entered_rows AS (
  SELECT CAST(unnest(stages) AS VARCHAR) AS stage, dropped_in FROM checked
),
counts AS (
  SELECT stage, count(*) AS entered, count(*) FILTER (WHERE stage = dropped_in) AS dropped
  FROM entered_rows
  GROUP BY stage
)`;
  } else if (layout === "long") {
    const st = quoteIdentifier(stage);
    const dr = quoteIdentifier(dropped);
    counts = `counts AS (
  SELECT
    CASE WHEN ${st} IS NOT NULL THEN CAST(${st} AS VARCHAR) ELSE error('stage must not be NULL') END AS stage,
    count(*) AS entered,
    sum(CASE WHEN ${dr} IS NOT NULL AND CAST(${dr} AS DOUBLE) IN (0.0, 1.0) THEN CAST(${dr} AS INTEGER)
             ELSE error('dropped must be boolean or 0/1') END) AS dropped
  FROM ${relationSql(relation)} AS input_relation
  GROUP BY 1
)`;
  } else {
    throw new RangeError(`layout must be "lists" or "long", got ${String(layout)}`);
  }
  if (stageOrder === undefined) {
    return `WITH ${counts}
SELECT stage, CAST(entered AS INTEGER) AS entered, CAST(dropped AS INTEGER) AS dropped
FROM counts
ORDER BY stage`;
  }
  if (stageOrder.length === 0) throw new RangeError("stageOrder must not be empty");
  if (new Set(stageOrder).size !== stageOrder.length) throw new RangeError("stageOrder contains duplicates");
  const values = stageOrder.map((name, i) => `(${quoteLiteral(name)}, ${i + 1})`).join(", ");
  return `WITH ${counts},
stage_order AS (
  SELECT * FROM (VALUES ${values}) AS v(stage, ord)
)
SELECT
  CASE WHEN stage_order.ord IS NULL THEN error('stage ' || counts.stage || ' is not listed in stageOrder') ELSE stage_order.stage END AS stage,
  CAST(coalesce(counts.entered, 0) AS INTEGER) AS entered,
  CAST(coalesce(counts.dropped, 0) AS INTEGER) AS dropped
FROM stage_order FULL OUTER JOIN counts ON stage_order.stage = counts.stage
ORDER BY stage_order.ord`;
}
