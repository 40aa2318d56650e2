/**
 * CSV dialect detection from the head of a file (text already decoded):
 * newline, delimiter (comma, semicolon, tab or pipe), the header fields, and
 * whether rows end with a trailing delimiter. A tiny quote-aware parser reads
 * the sample only; the file itself is read by DuckDB.
 */

export interface Dialect {
  delimiter: string;
  newLine: "lf" | "crlf" | "cr";
  /** Header fields as written (BOM removed, not trimmed). */
  header: string[];
  /** Data rows end with one delimiter more than the header has fields (and that field is empty). */
  trailingDelimiter: boolean;
}

export const DELIMITERS = [",", ";", "\t", "|"] as const;

/** Parse up to `max` records of a CSV sample. The last record is dropped when the sample was cut. */
export function parseSample(text: string, delimiter: string, max = 200, complete = true): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let inQuote = false;
  let fieldStart = true;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    record.push(field);
    if (!(record.length === 1 && record[0].replace(/\r/g, "") === "")) records.push(record);
    record = [];
    field = "";
    fieldStart = true;
  };
  while (i < n && records.length < max) {
    const c = text[i];
    if (inQuote) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuote = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && fieldStart) {
      inQuote = true;
      fieldStart = false;
      i++;
      continue;
    }
    if (c === delimiter) {
      record.push(field);
      field = "";
      fieldStart = true;
      i++;
      continue;
    }
    if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      i++;
      endRecord();
      continue;
    }
    field += c;
    fieldStart = false;
    i++;
  }
  if (i >= n && complete && (field !== "" || record.length > 0) && !inQuote) endRecord();
  return records;
}

export function detectNewLine(text: string): Dialect["newLine"] {
  const lf = text.indexOf("\n");
  if (lf === -1) return text.includes("\r") ? "cr" : "lf";
  return lf > 0 && text[lf - 1] === "\r" ? "crlf" : "lf";
}

/**
 * Pick the delimiter: the candidate whose header has more than one field and
 * whose data rows agree best with the header's field count (ties: more fields).
 */
export function sniffDialect(text: string, opts: {delimiter?: string; complete: boolean}): Dialect {
  const body = text.replace(/^\uFEFF/, "");
  const newLine = detectNewLine(body);
  const candidates = opts.delimiter ? [opts.delimiter] : DELIMITERS;
  let best: {delimiter: string; score: number; fields: number; rows: string[][]} | null = null;
  for (const delimiter of candidates) {
    const rows = parseSample(body, delimiter, 200, opts.complete);
    if (rows.length === 0) continue;
    const fields = rows[0].length;
    const data = rows.slice(1);
    const agree =
      data.length === 0
        ? 1
        : data.filter((r) => r.length === fields || (r.length === fields + 1 && r[fields] === "")).length / data.length;
    const score = fields > 1 ? agree : 0;
    if (!best || score > best.score || (score === best.score && fields > best.fields))
      best = {delimiter, score, fields, rows};
  }
  if (!best) return {delimiter: opts.delimiter ?? ",", newLine, header: [], trailingDelimiter: false};
  const header = best.rows[0];
  const data = best.rows.slice(1);
  const trailingDelimiter =
    data.length > 0 &&
    header[header.length - 1] !== "" &&
    data.filter((r) => r.length === header.length + 1 && r[header.length] === "").length > data.length / 2;
  return {delimiter: best.delimiter, newLine, header, trailingDelimiter};
}
