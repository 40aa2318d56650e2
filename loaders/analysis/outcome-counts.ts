/**
 * Status at the data date and dropouts per transition point, counted over the per-enrolment base table:
 * the one SQL of these counts (OUTCOME_COUNTS_SQL), per cohort cell and per slice and mentor group.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {PHASES} from "../contract/contract.ts";
import {query} from "../warehouse.ts";
import {prepareBase} from "./sql/base.ts";
import {sliceUnnest, type IntakePeriod} from "./slices.ts";
import type {CohortCell, CohortFilters, SliceOutcomeRow} from "./types.ts";

/** Status counts and dropouts per phase over the per-enrolment base table (cohort cells, export outcome tables). */
export const OUTCOME_COUNTS_SQL = [
  "count(*) AS n",
  "count(*) FILTER (WHERE outcome = 'completed') AS completed",
  "count(*) FILTER (WHERE outcome = 'dropped') AS dropped",
  "count(*) FILTER (WHERE outcome = 'transferred') AS transferred",
  "count(*) FILTER (WHERE outcome NOT IN ('completed', 'dropped', 'transferred') OR outcome IS NULL) AS ongoing",
  ...PHASES.map((p) => `count(*) FILTER (WHERE drop_phase = '${p}') AS dropped_${p}`)
].join(",\n  ");

/**
 * The cohort cells: intake year × programme × main area × scheme type ("none"
 * without a mentor), with status at the data date and dropouts per
 * transition point — the cohort page's detailed download (its figures use
 * `sliceOutcomes`).
 */
export async function cohortCells(con: DuckDBConnection, filters: CohortFilters = {}): Promise<CohortCell[]> {
  const base = await prepareBase(con, filters);
  return query<CohortCell>(
    con,
    `
    SELECT intake_year, programme, programme_group, main_area, coalesce(scheme_type, 'none') AS scheme_type,
      ${OUTCOME_COUNTS_SQL}
    FROM ${base.enrol} GROUP BY ALL ORDER BY ALL`
  );
}

/**
 * The same counts as the cohort cells, summed per slice (programme group ×
 * main area × intake period, slices.ts) and mentor group: what the cohorts
 * page shows, with far less suppression than a sum of fine cells. Groups
 * "types": none, each scheme type; "mentor": merged into "with" (an intake
 * scheme type) and "without" (none, or a workplace mentor later), detail.ts.
 */
export async function sliceOutcomes(
  con: DuckDBConnection,
  periods: readonly IntakePeriod[],
  groups: "types" | "mentor" = "types"
): Promise<SliceOutcomeRow[]> {
  const base = await prepareBase(con);
  const group =
    groups === "types" ? "coalesce(b.scheme_type, 'none')" : "CASE WHEN b.mentor_intake THEN 'with' ELSE 'without' END";
  return query<SliceOutcomeRow>(
    con,
    `
    SELECT pg AS programme, area AS main_area, period, ${group} AS scheme_type,
      ${OUTCOME_COUNTS_SQL}
    FROM ${base.enrol} b, ${sliceUnnest("b", periods)} GROUP BY ALL ORDER BY ALL`
  );
}
