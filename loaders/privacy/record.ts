/**
 * What was published, kept so that the next publication is audited against
 * it: the site's cells (a private file beside the warehouse, written by every
 * site build) and each researcher export's cells (the warehouse's
 * `export_log`). A recorded cell is [measure, dimensions, value, hidden,
 * primary] — the registry's own view, which the model (model.ts) translates
 * into sums over the base cells again when it is read back, and checks
 * against the warehouse: a record of other data fails the model check.
 *
 * The site record holds hidden values: it is never written under dist/.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {existsSync, readFileSync, renameSync, writeFileSync} from "node:fs";
import {quoteLiteral} from "../stats/index.ts";
import {query} from "../warehouse.ts";
import {PrivacyError, type PublicationRegistry} from "./publish.ts";
import {OUTSIDE_MODEL} from "./seal.ts";

export type RecordedCell = [
  measure: string,
  dims: Record<string, string>,
  value: number,
  hidden: boolean,
  primary: boolean
];

/** The registry's cells as a record (cells outside the student model, and `skip`ped ones, left out). */
export function recordCells(
  registry: PublicationRegistry,
  skip?: (measure: string, dims: Record<string, string>) => boolean
): RecordedCell[] {
  const out: RecordedCell[] = [];
  for (const {cell} of registry.all()) {
    if (OUTSIDE_MODEL.has(cell.measure) || skip?.(cell.measure, cell.dims)) continue;
    out.push([cell.measure, {...cell.dims}, cell.value, cell.suppressed, cell.primary ?? false]);
  }
  return out;
}

export interface SiteRecord {
  data_version: string;
  min_cell: number;
  built_at: string;
  cells: RecordedCell[];
}

/** The site record of a warehouse file: beside it, private (never part of the site). */
export const siteRecordPath = (db: string) => `${db}.site-cells.json`;

/** Write the site record of a warehouse (atomically). */
export function writeSiteRecord(db: string, record: SiteRecord): void {
  const path = siteRecordPath(db);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(record));
  renameSync(tmp, path);
}

/** The site record of a warehouse for this data version and threshold, or null (no site built from these data yet). */
export function readSiteRecord(db: string, dataVersion: string, k: number): SiteRecord | null {
  const path = siteRecordPath(db);
  if (!existsSync(path)) return null;
  const record = JSON.parse(readFileSync(path, "utf8")) as SiteRecord;
  return record.data_version === dataVersion && record.min_cell === k ? record : null;
}

// ---- Researcher exports (export_log, written by loaders/export/guard.ts) ---------------------

export const EXPORT_LOG_TABLE = "export_log";

/** A logged researcher export: its label (for messages), its cohort as a predicate over the base table, its periods and cells. */
export interface EarlierExport {
  label: string;
  predicate: string;
  periodBreaks: readonly number[];
  cells: readonly RecordedCell[];
}

/** An export_log row that cannot be audited (logged without its cells). */
export class UnrecordedExport extends PrivacyError {}

/**
 * The aggregated exports of a data version with their recorded cells, as earlier publications of a
 * seal (earlier.ts); `predicateOf` turns a logged cohort (its filter object) into SQL over the base
 * table (analysis/filters.ts `filterPredicate`). Microdata exports are the students' rows under an
 * agreement, not a publication. An export logged before cells were recorded cannot be modelled: it
 * is an error, so that nothing published is silently left out of the audit.
 */
export async function loggedPublications(
  con: DuckDBConnection,
  dataVersion: string | null,
  predicateOf: (filters: never) => string
): Promise<EarlierExport[]> {
  const [{n}] = await query<{n: number}>(
    con,
    `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = '${EXPORT_LOG_TABLE}' AND NOT temporary`
  );
  if (n === 0) return [];
  const where = dataVersion === null ? "data_version IS NULL" : `data_version = ${quoteLiteral(dataVersion)}`;
  const columns = await query<{name: string}>(
    con,
    `SELECT column_name AS name FROM duckdb_columns() WHERE table_name = '${EXPORT_LOG_TABLE}' AND NOT internal`
  );
  const hasCells = columns.some((c) => c.name === "cells");
  const rows = await query<{
    exported_at: unknown;
    cohort: string;
    filters: string;
    options: string | null;
    cells: string | null;
  }>(
    con,
    `SELECT exported_at, cohort, filters, options, ${hasCells ? "cells" : "NULL AS cells"} FROM ${EXPORT_LOG_TABLE} WHERE ${where} AND NOT microdata ORDER BY exported_at, cohort`
  );
  return rows.map((r) => {
    const when = r.exported_at instanceof Date ? r.exported_at.toISOString() : String(r.exported_at);
    if (r.cells === null) {
      throw new UnrecordedExport(
        `The export of ${when} (cohort "${r.cohort}") is in export_log without its published cells (it was made by an earlier version), ` +
          "so what it published cannot be audited together with new publications. Delete its row from export_log and make that export again " +
          "(it is then recorded with its cells), or delete the row if the export was never released."
      );
    }
    const options = r.options ? (JSON.parse(r.options) as {period_breaks?: number[]}) : {};
    return {
      label: `the export of ${when} (cohort "${r.cohort}")`,
      predicate: predicateOf(JSON.parse(r.filters) as never),
      periodBreaks: options.period_breaks ?? [0],
      cells: JSON.parse(r.cells) as RecordedCell[]
    };
  });
}
