/** Shared shapes of the ingest: options, the per-run context and the summary. */
import type {DuckDBConnection} from "@duckdb/node-api";
import type {TableName} from "../contract/contract.ts";
import type {Encoding} from "./text.ts";
import type {DateOrder} from "./normalise.ts";
import type {Mapping} from "./mapping.ts";

/** A message for the person running the ingest, in Danish and English. */
export interface Note {
  da: string;
  en: string;
}

export interface IngestOptions {
  /** Files or folders; a run replaces the warehouse with exactly these sources. */
  sources: string[];
  /** Warehouse file (see warehousePath()). */
  db: string;
  /** Column mapping: path to a JSON file (see mapping.ts). */
  mapping?: string;
  /** Any rejected row fails the run (the previous warehouse stays). */
  strict?: boolean;
  /** No progress or summary on stderr. */
  quiet?: boolean;
  /** Table of a single source file (name or alias), instead of its file name. */
  table?: string;
  /** Text encoding of the sources (utf-8, windows-1252/latin-1, utf-16); detected when omitted. */
  encoding?: string;
  /** CSV delimiter (",", ";", "tab", "|"); detected when omitted. */
  delimiter?: string;
  /** Order of day and month in non-ISO dates: dd-mm-yyyy (default), mm/dd/yyyy, or yyyy-mm-dd (ISO only). */
  dateFormat?: string;
  /** Numbers use a decimal comma (detected when omitted). */
  decimalComma?: boolean;
  /** Wait for a running ingest of the same warehouse instead of refusing. */
  wait?: boolean;
  /** Where rejects.csv goes (default: beside the warehouse). */
  rejectsPath?: string;
  /** Progress lines (default: stderr unless quiet). */
  onProgress?: (line: string) => void;
  /** Print a progress line per file from this many rows (default 200,000). */
  progressRows?: number;
}

export interface Settings {
  encoding: Encoding | null;
  delimiter: string | null;
  dateOrder: DateOrder | null;
  decimalComma: boolean | null;
  mapping: Mapping;
}

export interface Ctx {
  con: DuckDBConnection;
  workDir: string;
  settings: Settings;
  progress(line: string): void;
  progressRows: number;
}

export interface FileSummary {
  path: string;
  table: TableName;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  decimal_comma: boolean | null;
  date_format: string | null;
  sheet: string | null;
  sha256: string;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  /** Blank or all-empty lines and repeated header rows (not counted as read). */
  rows_skipped: number;
  seconds: number;
  notes: Note[];
}

export interface RejectSummary {
  table: TableName;
  column: string | null;
  rule: string;
  reason_da: string;
  reason_en: string;
  count: number;
  /** The first few rejected rows of the group, in file and line order. */
  examples: {file: string; line: number}[];
}

export interface IngestSummary {
  ok: boolean;
  db: string;
  rejects_csv: string;
  contract_version: string;
  data_version: string;
  ingested_at: string;
  seconds: number;
  files: FileSummary[];
  tables: {table: string; rows: number}[];
  rejects: {rows: number; problems: number; by_reason: RejectSummary[]};
}

/** What `check` reports: an ingest summary without a warehouse or rejects.csv (nothing is written). */
export interface CheckSummary extends Omit<IngestSummary, "db" | "rejects_csv"> {
  check: true;
}
