/**
 * Accepted rows into the typed warehouse tables — named exactly as the
 * contract's tables, with its columns in order and DuckDB types (VARCHAR,
 * INTEGER, DOUBLE, DATE, BOOLEAN) — with student_key, enrolment_id and
 * mentorship_id replaced by their keyed hashes. Also the bookkeeping tables:
 * `rejects`, `ingest_log` and the one-row `warehouse_meta`.
 */
import {tableSpec, type TableName} from "../contract/contract.ts";
import {quoteIdent, quoteLiteral} from "../contract/checks.ts";
import {hmacSql} from "./pseudonymise.ts";
import {sqlType} from "./normalise.ts";
import {typedSql} from "./validate.ts";
import type {Ctx, FileSummary} from "./types.ts";

/** Hashed-id columns the enrolments parent table carries for its children. */
export function enrolmentHashColumns(key: Buffer): string[] {
  return [
    `${hmacSql(key, "enrolment_id", "s.v_enrolment_id")} AS h_enrolment_id`,
    `${hmacSql(key, "student_key", "s.v_student_key")} AS h_student_key`
  ];
}

function finalColumn(table: TableName, name: string, expr: string): string {
  const col = tableSpec(table).columns.find((c) => c.name === name)!;
  return `CAST(${expr} AS ${sqlType(col.type)}) AS ${quoteIdent(name)}`;
}

/** Create wh.<table> from the accepted staged rows. */
export async function loadTable(ctx: Ctx, table: TableName, key: Buffer): Promise<void> {
  const spec = tableSpec(table);
  const target = `wh.${table}`;
  let sql: string;
  if (table === "enrolments") {
    const cols = spec.columns.map((c) => finalColumn(table, c.name,
      c.name === "enrolment_id" ? "p.h_enrolment_id" : c.name === "student_key" ? "p.h_student_key" : `p.${c.name}`));
    sql = `SELECT ${cols.join(", ")} FROM par_enrolments p WHERE p.ok`;
  } else {
    const joins: string[] = [];
    const cols = spec.columns.map((c) => {
      if (c.name === "enrolment_id") {
        joins.push("JOIN par_enrolments e ON e.id = s.v_enrolment_id AND e.ok");
        return finalColumn(table, c.name, "e.h_enrolment_id");
      }
      if (c.name === "mentorship_id") return finalColumn(table, c.name, hmacSql(key, "mentorship_id", "s.v_mentorship_id"));
      return finalColumn(table, c.name, typedSql(c, "s."));
    });
    sql = `SELECT ${cols.join(", ")} FROM stg_${table} s ANTI JOIN rejrows_${table} r ON r._o = s._o ${joins.join(" ")}`;
  }
  await ctx.con.run(`CREATE TABLE ${target} AS ${sql}`);
}

/** The rejects with file paths, in file and line order (from the temp table rej). */
export function rejectsSelect(files: readonly {path: string}[]): string {
  return `SELECT CASE r._f ${files.map((f, i) => `WHEN ${i} THEN ${quoteLiteral(f.path)}`).join(" ") || "WHEN -1 THEN NULL"} END AS file,
      r._l AS line, r.table_name, r.column_name, r.value, r.rule, r.reason_da, r.reason_en
    FROM rej r ORDER BY r._o, r._k, r.column_name`;
}

export async function createBookkeeping(ctx: Ctx, files: FileSummary[], meta: {contractVersion: string; dataVersion: string; ingestedAt: string; keyId: string}) {
  const {con} = ctx;
  await con.run(`CREATE TABLE wh.rejects AS ${rejectsSelect(files)}`);
  await con.run(`CREATE TABLE wh.ingest_log (path VARCHAR, "table" VARCHAR, format VARCHAR, encoding VARCHAR, delimiter VARCHAR,
    decimal_comma BOOLEAN, date_format VARCHAR, sheet VARCHAR, sha256 VARCHAR, rows_read INTEGER, rows_accepted INTEGER,
    rows_rejected INTEGER, rows_skipped INTEGER, seconds DOUBLE, ingested_at TIMESTAMP, contract_version VARCHAR,
    notes_da VARCHAR[], notes_en VARCHAR[])`);
  if (files.length > 0) {
    const lit = (v: string | null) => (v === null ? "NULL" : quoteLiteral(v));
    const list = (xs: string[]) => `[${xs.map(quoteLiteral).join(", ")}]::VARCHAR[]`;
    const values = files.map((f) => `(${lit(f.path)}, ${lit(f.table)}, ${lit(f.format)}, ${lit(f.encoding)}, ${lit(f.delimiter)},
      ${f.decimal_comma === null ? "NULL" : f.decimal_comma}, ${lit(f.date_format)}, ${lit(f.sheet)}, ${lit(f.sha256)}, ${f.rows_read},
      ${f.rows_accepted}, ${f.rows_rejected}, ${f.rows_skipped}, ${f.seconds}, ${lit(meta.ingestedAt)}::TIMESTAMP,
      ${lit(meta.contractVersion)}, ${list(f.notes.map((n) => n.da))}, ${list(f.notes.map((n) => n.en))})`);
    await con.run(`INSERT INTO wh.ingest_log VALUES ${values.join(",\n")}`);
  }
  await con.run(`CREATE TABLE wh.warehouse_meta AS SELECT ${quoteLiteral(meta.contractVersion)} AS contract_version,
    ${quoteLiteral(meta.dataVersion)} AS data_version, ${quoteLiteral(meta.ingestedAt)}::TIMESTAMP AS ingested_at,
    ${files.length}::INTEGER AS files, ${quoteLiteral(meta.keyId)} AS hash_key_id`);
}

/** Write rejects to a CSV file (UTF-8, comma, header; the columns of the rejects table). */
export async function writeRejectsCsv(ctx: Ctx, path: string, sql = "SELECT * FROM wh.rejects") {
  await ctx.con.run(`COPY (${sql}) TO ${quoteLiteral(path)} (FORMAT csv, HEADER true, DELIMITER ',')`);
}
