/**
 * Writing the export's files: tables as CSV (UTF-8, comma, header row,
 * RFC 4180 quoting, empty field = missing/hidden, booleans TRUE/FALSE, numbers in the shortest
 * form that reads back to the same double) or Parquet (DuckDB's built-in
 * writer, with the codebook's column types), JSON files, SQL files, and the
 * sha256 of each file for provenance.json.
 */
import {DuckDBInstance} from "@duckdb/node-api";
import {createHash} from "node:crypto";
import {mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {quoteIdentifier, quoteLiteral} from "../stats/index.ts";
import type {ColumnType} from "./codebook.ts";

export type Format = "csv" | "parquet";
export type Cell = string | number | boolean | null | undefined;

export interface WrittenFile {
  file: string;
  table: string;
  rows: number;
  sha256: string;
}

/** One CSV field: quoted when it holds a comma, quote, CR or LF; null/undefined/NaN → empty. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  // TRUE/FALSE: read as logical by R's read.csv, as bool by pandas and DuckDB
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const s = String(value);
  return /[",\n\r]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text of rows in the given column order (header row first, LF line ends). */
export function toCsv(columns: readonly string[], rows: readonly Record<string, Cell>[]): string {
  const lines = [columns.map(csvField).join(",")];
  for (const r of rows) lines.push(columns.map((c) => csvField(r[c])).join(","));
  return lines.join("\n") + "\n";
}

export function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

function writeText(path: string, text: string) {
  mkdirSync(dirname(path), {recursive: true});
  writeFileSync(path, text, "utf8");
}

const DUCK_TYPES: Record<ColumnType, string> = {
  integer: "BIGINT",
  number: "DOUBLE",
  string: "VARCHAR",
  boolean: "BOOLEAN"
};

/**
 * Writes tables into one folder. Parquet goes through DuckDB: the CSV is
 * written to a scratch file and copied with `COPY … TO … (FORMAT parquet)`,
 * reading every column with its codebook type.
 */
export class ExportWriter {
  readonly files: WrittenFile[] = [];
  private duck: {instance: DuckDBInstance; close(): void; run(sql: string): Promise<void>} | null = null;

  constructor(
    readonly dir: string,
    readonly format: Format
  ) {
    mkdirSync(dir, {recursive: true});
  }

  private async duckdb() {
    if (!this.duck) {
      const instance = await DuckDBInstance.create(":memory:");
      const con = await instance.connect();
      this.duck = {
        instance,
        close: () => {
          con.closeSync();
          instance.closeSync();
        },
        run: async (sql: string) => {
          await con.run(sql);
        }
      };
    }
    return this.duck;
  }

  /** Write a table as <table>.csv or <table>.parquet; returns the file name. */
  async table(
    table: string,
    columns: readonly string[],
    rows: readonly Record<string, Cell>[],
    types: Record<string, ColumnType>
  ): Promise<string> {
    const csv = toCsv(columns, rows);
    if (this.format === "csv") {
      const file = `${table}.csv`;
      writeText(join(this.dir, file), csv);
      this.files.push({file, table, rows: rows.length, sha256: sha256File(join(this.dir, file))});
      return file;
    }
    const file = `${table}.parquet`;
    const scratch = join(this.dir, `.${table}.${process.pid}.csv`);
    writeText(scratch, csv);
    try {
      const duck = await this.duckdb();
      const spec = columns
        .map((c) => `${quoteLiteral(c)}: ${quoteLiteral(DUCK_TYPES[types[c] ?? "string"])}`)
        .join(", ");
      const select = columns.map((c) => quoteIdentifier(c)).join(", ");
      await duck.run(`COPY (SELECT ${select} FROM read_csv(${quoteLiteral(scratch)}, header = true, delim = ',', quote = '"', escape = '"',
        columns = {${spec}}, auto_detect = false)) TO ${quoteLiteral(join(this.dir, file))} (FORMAT parquet)`);
    } finally {
      rmSync(scratch, {force: true});
    }
    this.files.push({file, table, rows: rows.length, sha256: sha256File(join(this.dir, file))});
    return file;
  }

  /** Write a CSV file regardless of the format (the codebook). */
  csv(file: string, table: string, columns: readonly string[], rows: readonly Record<string, Cell>[]) {
    writeText(join(this.dir, file), toCsv(columns, rows));
    this.files.push({file, table, rows: rows.length, sha256: sha256File(join(this.dir, file))});
  }

  /** Write a JSON file (2-space indent); `record` = list it among the files with its hash. */
  json(file: string, value: unknown, record = true) {
    writeText(join(this.dir, file), JSON.stringify(value, null, 2) + "\n");
    if (record)
      this.files.push({file, table: file.replace(/\.json$/, ""), rows: 0, sha256: sha256File(join(this.dir, file))});
  }

  /** Write a text file (e.g. sql/<table>.sql). */
  text(file: string, text: string) {
    writeText(join(this.dir, file), text);
    this.files.push({file, table: file, rows: 0, sha256: sha256File(join(this.dir, file))});
  }

  close() {
    this.duck?.close();
    this.duck = null;
  }
}
