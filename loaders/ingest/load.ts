/**
 * Accepted rows into the typed warehouse tables — named exactly as the
 * contract's tables, with its columns in order and DuckDB types (VARCHAR,
 * INTEGER, DOUBLE, DATE, BOOLEAN) — with student_key, enrolment_id and
 * mentorship_id replaced by their keyed hashes (both done in validate.ts's
 * chk_<table>, so writing is a plain copy). Also the bookkeeping tables:
 * `rejects`, `ingest_log` and the one-row `warehouse_meta`.
 */
import type {DatasetDescription} from "./dataset.ts";
import {tableSpec, type TableName} from "../contract/contract.ts";
import {quoteIdent, quoteLiteral} from "../contract/checks.ts";
import {LINE_MASK, ORDER_SHIFT} from "./staging.ts";
import type {Ctx, FileSummary} from "./types.ts";

/** Create wh.<table> from the accepted rows of chk_<table> (typed and hashed by the validation pass). */
export async function loadTable(ctx: Ctx, table: TableName): Promise<void> {
  const cols = tableSpec(table).columns.map((c) => quoteIdent(c.name));
  await ctx.con.run(`CREATE TABLE wh.${table} AS SELECT ${cols.join(", ")} FROM chk_${table} WHERE _mask = 0`);
}

/** SQL naming the source file of a file index (rej._f, or an order number `_o` >> ORDER_SHIFT). */
export function fileSql(index: string, files: readonly {path: string}[]): string {
  return `CASE ${index} ${files.map((f, i) => `WHEN ${i} THEN ${quoteLiteral(f.path)}`).join(" ") || "WHEN -1 THEN NULL"} END`;
}

/**
 * The rejects with file paths, in file and line order (from the temp table rej).
 * `ref_file`/`ref_line`: the row a reject refers to (a rejected parent) or repeats (a duplicate key).
 */
export function rejectsSelect(files: readonly {path: string}[]): string {
  return `SELECT ${fileSql("r._f", files)} AS file,
      r._l AS line, r.table_name, r.column_name, r.value, r.rule, r.reason_da, r.reason_en,
      ${fileSql(`(r._ref >> ${ORDER_SHIFT})`, files)} AS ref_file, r._ref & ${LINE_MASK} AS ref_line
    FROM rej r ORDER BY r._o, r._k, r.column_name`;
}

export interface WarehouseMeta {
  contractVersion: string;
  dataVersion: string;
  ingestedAt: string;
  keyId: string;
  /** SHA-256 of the mapping file's bytes, null without --mapping. */
  mappingSha256: string | null;
  /** SHA-256 of the rejects.csv written with this warehouse (to tell whether a rejects.csv belongs to it). */
  rejectsSha256: string;
  /** What the data are (the sources' dataset.json). */
  dataset: DatasetDescription;
}

/** wh.rejects: the rejects with file paths (written before rejects.csv, which is copied from it). */
export async function createRejects(ctx: Ctx, files: readonly {path: string}[]) {
  await ctx.con.run(`CREATE TABLE wh.rejects AS ${rejectsSelect(files)}`);
}

/**
 * The latest date in the accepted data — intake, outcome, stage start and end,
 * as the analysis reads the data date when none is recorded; mentorship dates
 * are left out (they can be planned ones). NULL without any date.
 */
const EXTRACTION_DATE_SQL = `SELECT greatest((SELECT max(intake_date) FROM wh.enrolments), (SELECT max(outcome_date) FROM wh.enrolments),
  (SELECT max(greatest(start_date, coalesce(end_date, start_date))) FROM wh.stage_events))`;

export async function createBookkeeping(ctx: Ctx, files: FileSummary[], meta: WarehouseMeta) {
  const {con} = ctx;
  await con.run(`CREATE TABLE wh.ingest_log (path VARCHAR, "table" VARCHAR, format VARCHAR, encoding VARCHAR, delimiter VARCHAR,
    decimal_comma BOOLEAN, date_format VARCHAR, sheet VARCHAR, sha256 VARCHAR, rows_read INTEGER, rows_accepted INTEGER,
    rows_rejected INTEGER, rows_skipped INTEGER, seconds DOUBLE, ingested_at TIMESTAMP, contract_version VARCHAR,
    notes_da VARCHAR[], notes_en VARCHAR[])`);
  const lit = (v: string | null) => (v === null ? "NULL" : quoteLiteral(v));
  if (files.length > 0) {
    const list = (xs: string[]) => `[${xs.map(quoteLiteral).join(", ")}]::VARCHAR[]`;
    const values = files.map(
      (f) => `(${lit(f.path)}, ${lit(f.table)}, ${lit(f.format)}, ${lit(f.encoding)}, ${lit(f.delimiter)},
      ${f.decimal_comma === null ? "NULL" : f.decimal_comma}, ${lit(f.date_format)}, ${lit(f.sheet)}, ${lit(f.sha256)}, ${f.rows_read},
      ${f.rows_accepted}, ${f.rows_rejected}, ${f.rows_skipped}, ${f.seconds}, ${lit(meta.ingestedAt)}::TIMESTAMP,
      ${lit(meta.contractVersion)}, ${list(f.notes.map((n) => n.da))}, ${list(f.notes.map((n) => n.en))})`
    );
    await con.run(`INSERT INTO wh.ingest_log VALUES ${values.join(",\n")}`);
  }
  await con.run(`CREATE TABLE wh.warehouse_meta AS SELECT ${lit(meta.contractVersion)} AS contract_version,
    ${lit(meta.dataVersion)} AS data_version, ${lit(meta.ingestedAt)}::TIMESTAMP AS ingested_at,
    ${files.length}::INTEGER AS files, ${lit(meta.keyId)} AS hash_key_id, (${EXTRACTION_DATE_SQL}) AS extraction_date,
    ${lit(meta.mappingSha256)}::VARCHAR AS mapping_sha256, ${lit(meta.rejectsSha256)} AS rejects_sha256,
    ${meta.dataset.synthetic === null ? "NULL" : meta.dataset.synthetic}::BOOLEAN AS synthetic, ${lit(meta.dataset.provider)}::VARCHAR AS provider, ${lit(meta.dataset.extractionDate)}::DATE AS data_date`);
}

/** Write rejects to a CSV file (UTF-8, comma, header; the columns of the rejects table). */
export async function writeRejectsCsv(ctx: Ctx, path: string, sql = "SELECT * FROM wh.rejects") {
  await ctx.con.run(`COPY (${sql}) TO ${quoteLiteral(path)} (FORMAT csv, HEADER true, DELIMITER ',')`);
}
