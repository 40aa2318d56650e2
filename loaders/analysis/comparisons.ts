/**
 * Mentor vs no mentor (crude): dropout and completion within each horizon,
 * overall and by intake year, programme, main area and institution.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {query} from "../warehouse.ts";
import {difference, rate} from "./common.ts";
import {horizons as horizonsInUse} from "../horizons.ts";
import {eligibleSql, eventSql, prepareBase} from "./sql/base.ts";
import type {CohortFilters, ComparisonDimension, ComparisonRow, HorizonKey} from "./types.ts";

export const COMPARISON_DIMENSIONS: readonly ComparisonDimension[] = [
  "overall",
  "intake_year",
  "programme",
  "main_area",
  "institution"
];

/** SQL of the group value of each comparison dimension over the enrolment table. */
export const GROUP_SQL: Record<ComparisonDimension, string> = {
  overall: "'all'",
  intake_year: "CAST(intake_year AS VARCHAR)",
  programme: "programme",
  main_area: "main_area",
  institution: "institution_id"
};

export interface ComparisonOptions {
  dimensions?: readonly ComparisonDimension[];
  horizons?: readonly HorizonKey[];
  measures?: readonly ("dropout" | "completion")[];
}

/**
 * Does a mentor from intake go with less dropout (more completion)? For each
 * group and horizon: students with an intake mentor vs students without one at
 * intake (those who later get a workplace mentor count as without — status at
 * the time origin), Wilson intervals per group and the Newcombe interval of
 * the difference. Crude — not adjusted for who is offered a mentor. Censoring:
 * only enrolments followed for the whole horizon count (intake ≥ horizon before
 * the data date; "ever" = mature cohorts, loaders/horizons.ts). Every group is
 * returned, including empty ones, so the privacy gate sees complete margins.
 */
export async function mentorComparison(
  con: DuckDBConnection,
  {
    dimensions = COMPARISON_DIMENSIONS,
    horizons = horizonsInUse().map((h) => h.key),
    measures = ["dropout", "completion"]
  }: ComparisonOptions = {},
  filters: CohortFilters = {}
): Promise<ComparisonRow[]> {
  const base = await prepareBase(con, filters);
  const columns = horizons.flatMap((h, i) => [
    `count(*) FILTER (WHERE ${eligibleSql(h)}) AS n_${i}`,
    ...measures.map((m, j) => `count(*) FILTER (WHERE ${eligibleSql(h)} AND ${eventSql(h, m)}) AS x_${i}_${j}`)
  ]);
  const sql = dimensions
    .map(
      (d) => `SELECT '${d}' AS dimension, ${GROUP_SQL[d]} AS grp, mentor_intake AS mentor, ${columns.join(", ")}
    FROM ${base.enrol} GROUP BY ALL`
    )
    .join("\nUNION ALL\n");
  const rows = await query<Record<string, number | string | boolean>>(con, sql);
  const names = new Map(
    (await query<{id: string; name: string}>(con, "SELECT institution_id AS id, name FROM institutions")).map((r) => [
      r.id,
      r.name
    ])
  );
  const cells = new Map<
    string,
    {
      dimension: ComparisonDimension;
      group: string;
      with?: Record<string, number | string | boolean>;
      without?: Record<string, number | string | boolean>;
    }
  >();
  for (const r of rows) {
    const group = String(r.grp);
    const key = `${r.dimension}\u0000${group}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = {dimension: r.dimension as ComparisonDimension, group}));
    if (r.mentor) cell.with = r;
    else cell.without = r;
  }
  const order = (d: ComparisonDimension) => dimensions.indexOf(d);
  const sorted = [...cells.values()].sort(
    (a, b) => order(a.dimension) - order(b.dimension) || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0)
  );
  const out: ComparisonRow[] = [];
  for (const cell of sorted) {
    measures.forEach((measure, j) => {
      horizons.forEach((horizon, i) => {
        const get = (r: Record<string, unknown> | undefined, c: string) => (r ? Number(r[c]) : 0);
        const n1 = get(cell.with, `n_${i}`);
        const x1 = get(cell.with, `x_${i}_${j}`);
        const n0 = get(cell.without, `n_${i}`);
        const x0 = get(cell.without, `x_${i}_${j}`);
        const r1 = rate(x1, n1);
        const r0 = rate(x0, n0);
        const d = difference(x1, n1, x0, n0);
        out.push({
          dimension: cell.dimension,
          group: cell.group,
          label: cell.dimension === "institution" ? (names.get(cell.group) ?? cell.group) : cell.group,
          measure,
          horizon,
          n_with: n1,
          events_with: x1,
          rate_with: r1.rate,
          rate_with_lower: r1.lower,
          rate_with_upper: r1.upper,
          n_without: n0,
          events_without: x0,
          rate_without: r0.rate,
          rate_without_lower: r0.lower,
          rate_without_upper: r0.upper,
          diff: d.diff,
          diff_lower: d.lower,
          diff_upper: d.upper
        });
      });
    });
  }
  return out;
}
