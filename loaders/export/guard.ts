/**
 * What a researcher export may describe, beyond the privacy gate's cells:
 *
 * - **Minimum cohort size.** An aggregated export of fewer than
 *   `minExportCohort(k)` = 20 × k enrolments (k = MENTOR_MIN_CELL, so 100
 *   with k = 5) is refused, and so is one with 1 … k − 1 students with (or
 *   without) a mentor. See README.md for why.
 * - **Export log.** Every successful export is recorded in the warehouse
 *   table `export_log` (time, data version, canonical cohort, its filter
 *   object, the number of enrolments, the options and a compact record of the
 *   published cells). No enrolment id or student key is stored: the cohort is
 *   kept as its filter, which is evaluated again on the same data version.
 * - **Differencing.** Before an export is written its cohort is compared with
 *   every earlier logged export of the same data version and with every slice
 *   the site publishes (programme group × main area × intake period,
 *   `loaders/analysis/slices.ts`; not when the cohort is itself made of whole
 *   slices, as it then differs from each by whole slices the site publishes
 *   anyway): when the two overlap and either difference
 *   (new minus old, old minus new) holds 1 … N − 1 enrolments (N =
 *   `minExportCohort(k)`), the export is refused, because subtracting the two
 *   publications would describe fewer than N students.
 *
 * The checks run in SQL on the analysis layer's per-enrolment base table of
 * the whole warehouse (`prepareBase(con, {})`) with the analysis layer's
 * `filterPredicate`, so a logged cohort means the same enrolments as when it
 * was exported (same data version, same data date).
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {describeInstitutions, filterPredicate, warehouseHoldings} from "../analysis/filters.ts";
import {prepareBase} from "../analysis/sql/base.ts";
import {intakePeriods, periodSql, PROGRAMME_CHOICES, sliceKey} from "../analysis/slices.ts";
import type {CohortFilters} from "../analysis/types.ts";
import {quoteLiteral} from "../stats/index.ts";
import {EXPORT_LOG_TABLE, type RecordedCell} from "../privacy/record.ts";
import {query} from "../warehouse.ts";

/** The minimum cohort of an aggregated export is this many times the minimum cell size. */
export const MIN_EXPORT_COHORT_FACTOR = 20;

/** Minimum number of enrolments in the cohort of an aggregated (non-microdata) export: 20 × k. */
export function minExportCohort(k: number): number {
  return MIN_EXPORT_COHORT_FACTOR * k;
}

/** With the default minimum cell size (5): 100 enrolments. */
export const MIN_EXPORT_COHORT = minExportCohort(5);

/** The export is refused by a rule of this module (exit status 2 from the CLI; nothing is written). */
export class ExportRefused extends Error {}

export interface CohortSize {
  enrolments: number;
  /** Any mentorship (scheme_type of the first mentorship is not none). */
  with_mentor: number;
  without_mentor: number;
  /** An intake mentor (the survival set "mentor"). */
  with_intake_mentor: number;
  without_intake_mentor: number;
}

/** Sizes of a cohort (its per-enrolment base table). */
export async function cohortSize(con: DuckDBConnection, enrol: string): Promise<CohortSize> {
  const [r] = await query<CohortSize>(
    con,
    `SELECT count(*) AS enrolments,
  count(*) FILTER (WHERE scheme_type IS NOT NULL) AS with_mentor, count(*) FILTER (WHERE scheme_type IS NULL) AS without_mentor,
  count(*) FILTER (WHERE mentor_intake) AS with_intake_mentor, count(*) FILTER (WHERE NOT mentor_intake) AS without_intake_mentor
FROM ${enrol}`
  );
  return r;
}

/**
 * Refuse a cohort with no enrolments at all (also with microdata), saying what the warehouse holds so the
 * researcher can correct the filter: its intake years, programmes and institutions with their names.
 */
export async function checkNotEmpty(con: DuckDBConnection, size: CohortSize, canonical: string): Promise<void> {
  if (Number(size.enrolments) > 0) return;
  const h = await warehouseHoldings(con);
  const years =
    h.years.length === 0
      ? "none"
      : h.years.length === 1
        ? String(h.years[0])
        : `${h.years[0]}–${h.years[h.years.length - 1]}` +
          (h.years.length === h.years[h.years.length - 1] - h.years[0] + 1 ? "" : ` (${h.years.join(", ")})`);
  throw new ExportRefused(
    `Export refused: the cohort "${canonical}" holds no enrolments. The warehouse holds intake years ${years}; ` +
      `programmes ${h.programmes.join(", ") || "none"}; institutions ${describeInstitutions(h.institutions) || "none"}. ` +
      "Change --cohort to values among these. Nothing was written."
  );
}

/** Refuse a cohort below the floor (aggregated exports only). */
export function checkCohortSize(size: CohortSize, k: number, canonical: string): void {
  const floor = minExportCohort(k);
  if (size.enrolments < floor) {
    throw new ExportRefused(
      `Export refused: the cohort "${canonical}" has fewer than ${floor} enrolments (the minimum for an aggregated export is ${MIN_EXPORT_COHORT_FACTOR} × the minimum cell size ${k}). ` +
        "Tables of so few students describe individuals even when every cell is hidden or shown with zeros. Choose a wider cohort (more years, programmes or institutions). Nothing was written."
    );
  }
  const small = (x: number) => x > 0 && x < k;
  const groups: [string, number][] = [
    ["with a mentor", size.with_mentor],
    ["without a mentor", size.without_mentor],
    ["with an intake mentor", size.with_intake_mentor],
    ["without an intake mentor", size.without_intake_mentor]
  ];
  const bad = groups.filter(([, n]) => small(n)).map(([g]) => g);
  if (bad.length) {
    throw new ExportRefused(
      `Export refused: in the cohort "${canonical}" fewer than ${k} students are ${bad.join(" / ")} (but more than none). ` +
        `Every table of the export is split by mentor status, so that group would be described by counts of 1 to ${k - 1} students, ` +
        "readable as the difference of the cohort and the other group. Choose a cohort with none or at least " +
        `${k} students in each mentor group (mentor=yes or mentor=no selects one group). Nothing was written.`
    );
  }
}

// ---- Export log ------------------------------------------------------------------------------

export {EXPORT_LOG_TABLE};

export const EXPORT_LOG_DDL = `CREATE TABLE IF NOT EXISTS ${EXPORT_LOG_TABLE} (
  exported_at TIMESTAMP NOT NULL,
  data_version VARCHAR,
  cohort VARCHAR NOT NULL,
  filters VARCHAR NOT NULL,
  enrolments BIGINT NOT NULL,
  min_cell INTEGER NOT NULL,
  microdata BOOLEAN NOT NULL,
  out VARCHAR,
  options VARCHAR,
  published VARCHAR,
  cells VARCHAR
)`;

export interface ExportLogEntry {
  exported_at: string;
  data_version: string | null;
  cohort: string;
  filters: CohortFilters;
  enrolments: number;
  min_cell: number;
  microdata: boolean;
  out: string;
  options: Record<string, unknown>;
  /** table → {columns, rows}: the dimension and count columns of every row that has a non-zero or hidden count. */
  published: Record<string, {columns: string[]; rows: unknown[][]}>;
  /** Every published cell as the privacy gate and the seal saw it (what later publications are audited against). */
  cells: RecordedCell[];
}

async function hasLog(con: DuckDBConnection): Promise<boolean> {
  const rows = await query<{n: number}>(
    con,
    `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = '${EXPORT_LOG_TABLE}' AND NOT temporary`
  );
  return rows[0].n > 0;
}

/** Earlier logged exports of a data version (empty when the warehouse has no log yet). */
export async function loggedExports(
  con: DuckDBConnection,
  dataVersion: string | null
): Promise<{exported_at: string; cohort: string; filters: CohortFilters}[]> {
  if (!(await hasLog(con))) return [];
  const where = dataVersion === null ? "data_version IS NULL" : `data_version = ${quoteLiteral(dataVersion)}`;
  const rows = await query<{exported_at: unknown; cohort: string; filters: string}>(
    con,
    `SELECT exported_at, cohort, filters FROM ${EXPORT_LOG_TABLE} WHERE ${where} ORDER BY exported_at`
  );
  return rows.map((r) => ({
    exported_at: r.exported_at instanceof Date ? r.exported_at.toISOString() : String(r.exported_at),
    cohort: r.cohort,
    filters: JSON.parse(r.filters) as CohortFilters
  }));
}

/** Append one export to the log (creates the table if needed). Run inside the caller's transaction. */
export async function appendExportLog(con: DuckDBConnection, e: ExportLogEntry): Promise<void> {
  await con.run(EXPORT_LOG_DDL);
  // logs written before the cells were recorded
  await con.run(`ALTER TABLE ${EXPORT_LOG_TABLE} ADD COLUMN IF NOT EXISTS cells VARCHAR`);
  const lit = (v: string | null) => (v === null ? "NULL" : quoteLiteral(v));
  await con.run(`INSERT INTO ${EXPORT_LOG_TABLE} (exported_at, data_version, cohort, filters, enrolments, min_cell, microdata, out, options, published, cells)
  VALUES (${quoteLiteral(e.exported_at)}::TIMESTAMP, ${lit(e.data_version)}, ${quoteLiteral(e.cohort)},
  ${quoteLiteral(JSON.stringify(e.filters))}, ${e.enrolments}, ${e.min_cell}, ${e.microdata}, ${quoteLiteral(e.out)}, ${quoteLiteral(JSON.stringify(e.options))},
  ${quoteLiteral(JSON.stringify(e.published))}, ${quoteLiteral(JSON.stringify(e.cells))})`);
}

// ---- Differencing ----------------------------------------------------------------------------

/** A population published earlier: a logged export or a site slice. */
export interface EarlierCohort {
  /** How it is named in the refusal message. */
  label: string;
  /** SQL predicate over the per-enrolment base table. */
  predicate: string;
}

/** The site's slices (programme group × main area × intake period, incl. "all"), as predicates over the base table. */
export async function siteSlices(con: DuckDBConnection, allEnrol: string): Promise<EarlierCohort[]> {
  const [r] = await query<{lo: number | null; hi: number | null}>(
    con,
    `SELECT min(intake_year) AS lo, max(intake_year) AS hi FROM ${allEnrol}`
  );
  const periods = r.lo === null || r.hi === null ? [] : intakePeriods(r.lo, r.hi);
  const out: EarlierCohort[] = [];
  for (const c of PROGRAMME_CHOICES) {
    for (const p of [null, ...periods]) {
      const parts = ["TRUE"];
      if (c.programme !== "all") parts.push(`programme_group = ${quoteLiteral(c.programme)}`);
      if (c.main_area !== "all") parts.push(`main_area = ${quoteLiteral(c.main_area)}`);
      if (p) parts.push(`intake_year BETWEEN ${p.from} AND ${p.to}`);
      out.push({
        label: `the site's slice ${sliceKey({programme: c.programme, main_area: c.main_area, period: p ? p.key : "all"})}`,
        predicate: parts.join(" AND ")
      });
    }
  }
  return out;
}

/** Is every slice cell (programme group × main area × intake period) wholly in or wholly out of the cohort? */
export async function sliceAligned(con: DuckDBConnection, allEnrol: string, predicate: string): Promise<boolean> {
  const [r] = await query<{lo: number | null; hi: number | null}>(
    con,
    `SELECT min(intake_year) AS lo, max(intake_year) AS hi FROM ${allEnrol}`
  );
  if (r.lo === null || r.hi === null) return true;
  const [{split}] = await query<{split: number}>(
    con,
    `SELECT count(*) AS split FROM (
  SELECT programme_group, main_area, ${periodSql(intakePeriods(r.lo, r.hi))} AS period, bool_or(nw) AND NOT bool_and(nw) AS split
  FROM (SELECT *, coalesce((${predicate}), FALSE) AS nw FROM ${allEnrol})
  GROUP BY ALL
) WHERE split`
  );
  return split === 0;
}

export interface Difference {
  earlier: EarlierCohort;
  /** Enrolments in the new cohort and not in the earlier one. */
  added: number;
  /** Enrolments in the earlier cohort and not in the new one. */
  removed: number;
  /** Enrolments in both. */
  common: number;
}

/** Sizes of the set differences between a cohort and earlier ones (one scan of the base table per 60 earlier cohorts). */
export async function differences(
  con: DuckDBConnection,
  allEnrol: string,
  predicate: string,
  earlier: readonly EarlierCohort[]
): Promise<Difference[]> {
  const out: Difference[] = [];
  for (let i = 0; i < earlier.length; i += 60) {
    const chunk = earlier.slice(i, i + 60);
    const flags = chunk.map((e, j) => `coalesce((${e.predicate}), FALSE) AS o${j}`).join(", ");
    const aggs = chunk
      .map(
        (_, j) =>
          `count(*) FILTER (WHERE nw AND NOT o${j}) AS a${j}, count(*) FILTER (WHERE o${j} AND NOT nw) AS r${j}, count(*) FILTER (WHERE nw AND o${j}) AS c${j}`
      )
      .join(",\n  ");
    const [row] = await query<Record<string, number>>(
      con,
      `SELECT ${aggs}
FROM (SELECT coalesce((${predicate}), FALSE) AS nw, ${flags} FROM ${allEnrol})`
    );
    chunk.forEach((e, j) => out.push({earlier: e, added: row[`a${j}`], removed: row[`r${j}`], common: row[`c${j}`]}));
  }
  return out;
}

/**
 * Refuse a cohort that differs from an earlier export of the same data version, or from a site
 * slice, by 1 … N − 1 enrolments (either way) while overlapping it. Disjoint cohorts are not
 * compared (subtracting them isolates nobody); a difference of 0 (the same cohort again, e.g.
 * `--overwrite`) is allowed.
 */
export async function checkDifferences(
  con: DuckDBConnection,
  filters: CohortFilters,
  canonical: string,
  k: number,
  dataVersion: string | null
): Promise<{compared: number}> {
  const floor = minExportCohort(k);
  const all = await prepareBase(con, {});
  const logged = (await loggedExports(con, dataVersion)).map((l): EarlierCohort => ({
    label: `the export of ${l.exported_at} (cohort "${l.cohort}")`,
    predicate: filterPredicate(l.filters)
  }));
  // A cohort made of whole slices of the site (each programme group × main area × intake period
  // wholly in or wholly out, e.g. programme=EUD,EUX or years=2014-2016) differs from any site slice by
  // whole slices, which the site publishes itself: it is not compared with them.
  const aligned = await sliceAligned(con, all.enrol, filterPredicate(filters));
  const earlier = [...logged, ...(aligned ? [] : await siteSlices(con, all.enrol))];
  const diffs = await differences(con, all.enrol, filterPredicate(filters), earlier);
  for (const d of diffs) {
    if (d.common === 0) continue;
    const small = (x: number) => x > 0 && x < floor;
    if (small(d.added) || small(d.removed)) {
      const which =
        small(d.added) && small(d.removed)
          ? "each of the two differences"
          : small(d.added)
            ? "the students in this cohort and not in the earlier one"
            : "the students in the earlier one and not in this cohort";
      throw new ExportRefused(
        `Export refused: the cohort "${canonical}" differs from ${d.earlier.label} by fewer than ${floor} students (${which}). ` +
          `Subtracting the two publications from each other would describe fewer than ${floor} students (the minimum cohort, ${MIN_EXPORT_COHORT_FACTOR} × the minimum cell size ${k}). ` +
          "Use the same cohort as the earlier export, or one that differs from it by at least that many students. Nothing was written."
      );
    }
  }
  return {compared: earlier.length};
}
