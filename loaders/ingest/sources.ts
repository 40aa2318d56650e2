/**
 * Which files a run reads and which table each feeds. A SOURCE is a file or
 * a folder (its data files, sorted by name, not recursive). The table comes
 * from the file name (contract table names and Danish aliases, see
 * names.ts) or from --table for a single file; an unknown or ambiguous name
 * is fatal. In a folder, truth.json (the synthetic generator's answer key),
 * dataset.json (what the data are: dataset.ts), *mapping*.json, rejects*.csv
 * (the ingest's own output), hidden files and files that are not data files
 * are skipped.
 */
import {existsSync, readdirSync, statSync} from "node:fs";
import {basename, extname, join, resolve} from "node:path";
import {DATASET_FILE, type TableName} from "../contract/contract.ts";
import {fail} from "./errors.ts";
import {tablesForFileName} from "./names.ts";

export type SourceFormat = "csv" | "json" | "parquet" | "xlsx";

export interface SourceFile {
  /** The path as given (or folder as given + file name). */
  path: string;
  /** Absolute path. */
  abs: string;
  table: TableName;
  format: SourceFormat;
}

const EXTENSIONS: Record<string, SourceFormat> = {
  ".csv": "csv",
  ".tsv": "csv",
  ".txt": "csv",
  ".json": "json",
  ".ndjson": "json",
  ".jsonl": "json",
  ".parquet": "parquet",
  ".xlsx": "xlsx"
};

const SKIPPED_IN_FOLDER = (name: string) =>
  name.startsWith(".") ||
  name === "truth.json" ||
  name === DATASET_FILE ||
  (/mapping/i.test(name) && name.toLowerCase().endsWith(".json")) ||
  /^rejects(\.[a-z]+)?\.csv$/i.test(name);

export function formatOf(path: string): SourceFormat | null {
  return EXTENSIONS[extname(path).toLowerCase()] ?? null;
}

/** Expand the sources into files with their table and format; fatal on anything it cannot place. */
export function resolveSources(
  sources: readonly string[],
  opts: {table?: TableName; exclude?: string[]} = {}
): SourceFile[] {
  if (sources.length === 0) {
    fail("no_sources", null, "Ingen kilder angivet.", "No sources given.");
  }
  const excluded = new Set((opts.exclude ?? []).map((p) => resolve(p)));
  const files: {path: string; abs: string}[] = [];
  for (const source of sources) {
    const abs = resolve(source);
    if (!existsSync(abs)) {
      fail("not_found", source, "Filen eller mappen findes ikke.", "The file or folder does not exist.");
    }
    if (statSync(abs).isDirectory()) {
      const names = readdirSync(abs).sort();
      for (const name of names) {
        const full = join(abs, name);
        if (SKIPPED_IN_FOLDER(name) || excluded.has(full) || !statSync(full).isFile()) continue;
        if (!formatOf(name)) continue;
        files.push({path: join(source, name), abs: full});
      }
    } else {
      files.push({path: source, abs});
    }
  }
  if (files.length === 0) {
    fail(
      "no_sources",
      sources.join(", "),
      "Ingen datafiler (.csv, .json, .ndjson, .parquet, .xlsx) fundet.",
      "No data files (.csv, .json, .ndjson, .parquet, .xlsx) found."
    );
  }
  if (opts.table && files.length > 1) {
    fail("options", null, "--table kan kun bruges med én fil.", "--table can only be used with a single file.");
  }
  const seen = new Set<string>();
  return files
    .filter((f) => (seen.has(f.abs) ? false : (seen.add(f.abs), true)))
    .map(({path, abs}) => {
      const format = formatOf(abs);
      if (!format) {
        fail(
          "unsupported_format",
          path,
          "Ukendt filtype. Brug .csv, .json, .ndjson, .parquet eller .xlsx.",
          "Unknown file type. Use .csv, .json, .ndjson, .parquet or .xlsx."
        );
      }
      let table = opts.table;
      if (!table) {
        const candidates = tablesForFileName(basename(abs));
        if (candidates.length === 0) {
          fail(
            "unknown_table",
            path,
            "Filnavnet siger ikke, hvilken tabel filen hører til. Omdøb filen (fx enrolments.csv eller elever.csv) eller angiv --table.",
            "The file name does not say which table the file feeds. Rename it (e.g. enrolments.csv) or pass --table."
          );
        }
        if (candidates.length > 1) {
          fail(
            "ambiguous_table",
            path,
            `Filnavnet passer på flere tabeller (${candidates.join(", ")}). Omdøb filen eller angiv --table.`,
            `The file name matches several tables (${candidates.join(", ")}). Rename it or pass --table.`
          );
        }
        table = candidates[0];
      }
      return {path, abs, table: table!, format: format!};
    });
}
