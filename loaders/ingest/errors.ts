/**
 * Fatal ingest errors. Every fatal case throws an `IngestError` naming the
 * file and saying, in Danish and English, what is wrong and what to do. The
 * CLI prints it and exits 1; the previous warehouse is never touched.
 */

export type IngestErrorCode =
  | "no_sources"
  | "not_found"
  | "unknown_table"
  | "ambiguous_table"
  | "unsupported_format"
  | "empty_file"
  | "no_rows"
  | "unreadable"
  | "binary_file"
  | "encoding"
  | "mojibake"
  | "truncated"
  | "missing_columns"
  | "duplicate_column"
  | "privacy_column_name"
  | "privacy_values"
  | "mapping"
  | "options"
  | "locked"
  | "hash_key"
  | "strict"
  | "internal";

export class IngestError extends Error {
  readonly code: IngestErrorCode;
  /** The file the problem is in (path as given), or null when it concerns the run. */
  readonly file: string | null;
  readonly da: string;
  readonly en: string;
  /** For a --strict failure: the summary of the run that was not published. */
  summary?: unknown;

  constructor(code: IngestErrorCode, file: string | null, da: string, en: string) {
    super(file ? `${file}: ${da}\n${file}: ${en}` : `${da}\n${en}`);
    this.name = "IngestError";
    this.code = code;
    this.file = file;
    this.da = da;
    this.en = en;
  }

  toJSON() {
    return {code: this.code, file: this.file, message_da: this.da, message_en: this.en};
  }
}

/** Shorthand used across the ingest modules. */
export const fail = (code: IngestErrorCode, file: string | null, da: string, en: string): never => {
  throw new IngestError(code, file, da, en);
};
