/**
 * Source → raw table: every column as VARCHAR (c0, c1, … in header order),
 * exposed as a view `src_<i>` with `_line`, the row's line in the source:
 * the physical line for CSV and NDJSON/JSON (where the record starts), the
 * sheet row for XLSX, the row number for Parquet.
 *
 * CSV: DuckDB's read_csv with an explicit dialect (sniff.ts; DuckDB's own
 * sniffer gives up on awkward files), store_rejects for rows with the wrong
 * number of fields or broken quotes, and physical line numbers from DuckDB's
 * row order. The byte scan runs while DuckDB reads (UTF-8 guessed from the
 * first 64 KiB; a file that turns out not to be UTF-8 is transcoded and read
 * again) and counts the lines: a file with one line per row and nothing
 * rejected takes the fast path (line = row index + 2); any other file gets
 * scan.ts's line structure (quoted newlines, blank lines) — the careful path.
 */
import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {quoteIdent, quoteLiteral} from "../contract/checks.ts";
import {query} from "../warehouse.ts";
import {fail, IngestError} from "./errors.ts";
import {jsonRecordLines} from "./json.ts";
import {scanFile, ByteScanner, type ByteScan, type CsvStructure} from "./scan.ts";
import {sniffDialect} from "./sniff.ts";
import type {SourceFile} from "./sources.ts";
import {confirmEncoding, decodeHead, encodingFromHead, readHead, transcodeToUtf8, type Encoding} from "./text.ts";
import type {Ctx, Note} from "./types.ts";
import {readXlsx} from "./xlsx.ts";

export interface StructuralReject {
  line: number;
  rule: string;
  da: string;
  en: string;
}

export interface SourceRead {
  index: number;
  file: SourceFile;
  /** View with _line and c0… */
  relation: string;
  header: string[];
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  sha256: string;
  /** Rows in the relation. */
  rows: number;
  structural: StructuralReject[];
  blankLines: number;
  /** The values need no trimming (a UTF-8 CSV without spaces, tabs, CRs, no-break spaces or quotes). */
  trimFree: boolean;
  notes: Note[];
}

/** Called with the header before the file is read in full (fatal checks fail fast). */
export type OnHeader = (header: string[]) => void;

export async function readSource(ctx: Ctx, file: SourceFile, index: number, onHeader: OnHeader): Promise<SourceRead> {
  switch (file.format) {
    case "csv":
      return readCsv(ctx, file, index, onHeader);
    case "json":
      return readJson(ctx, file, index, onHeader);
    case "parquet":
      return readParquet(ctx, file, index, onHeader);
    case "xlsx":
      return readXlsxSource(ctx, file, index, onHeader);
  }
}

const sqlPath = (p: string) => quoteLiteral(p);

// ---- CSV --------------------------------------------------------------------

const NEWLINE_SQL = {lf: "\\n", crlf: "\\r\\n", cr: "\\r"} as const;

async function readCsv(ctx: Ctx, file: SourceFile, index: number, onHeader: OnHeader): Promise<SourceRead> {
  const {con} = ctx;
  const forced = ctx.settings.encoding;
  const head = readHead(file.abs);
  if (head.length === 0) {
    fail(
      "empty_file",
      file.path,
      "Filen er tom (0 bytes). Eksportér den igen.",
      "The file is empty (0 bytes). Export it again."
    );
  }
  const complete = head.length < 1 << 16;
  let encoding: Encoding = encodingFromHead(head, complete, forced);
  let readPath = file.abs;
  let bytes: ByteScan | null = null;
  const transcoded = join(ctx.workDir, `src_${index}.csv`);
  if (encoding === "utf-16le" || encoding === "utf-16be") {
    const scanner = new ByteScanner();
    await transcodeToUtf8(file.abs, transcoded, encoding, (b) => scanner.push(b));
    bytes = scanner.finish();
    readPath = transcoded;
  }
  const headText = readPath === file.abs ? decodeHead(head, encoding) : decodeHead(readHead(readPath), "utf-8");
  const dialect = sniffDialect(headText, {delimiter: ctx.settings.delimiter ?? undefined, complete});
  if (dialect.header.length === 0 || dialect.header.every((h) => h.trim() === "")) {
    fail("no_rows", file.path, "Filen har ingen overskrift og ingen rækker.", "The file has no header and no rows.");
  }
  const header = dialect.trailingDelimiter ? [...dialect.header, ""] : dialect.header;
  onHeader(header);
  // DuckDB takes the first line as the header even when it is blank: skip leading blank lines
  const leadingBlank = /^(?:\r?\n|\r)*/.exec(headText.replace(/^\uFEFF/, ""))![0].split(/\r?\n|\r/).length - 1;

  const csv = {delimiter: dialect.delimiter.charCodeAt(0), newLine: dialect.newLine};
  const raw = `raw_${index}`;
  const rej = `rej_${index}`;
  let lastProgress = 0;
  const onProgress = (lines: number) => {
    if (lines - lastProgress >= ctx.progressRows) {
      lastProgress = lines;
      ctx.progress(`${file.path}: ${lines.toLocaleString("en")} lines read`);
    }
  };
  const duckRead = async (path: string): Promise<Error | null> => {
    const columns = header.map((_, i) => `'c${i}': 'VARCHAR'`).join(", ");
    try {
      await con.run(`DROP TABLE IF EXISTS ${raw}; DROP TABLE IF EXISTS ${rej}; DROP TABLE IF EXISTS rejscan_${index}`);
      await con.run(`CREATE TEMP TABLE ${raw} AS SELECT * FROM read_csv(${sqlPath(path)}, auto_detect = false, header = true, skip = ${leadingBlank},
        delim = ${quoteLiteral(dialect.delimiter === "\t" ? "\\t" : dialect.delimiter)}, quote = '"', escape = '"',
        new_line = '${NEWLINE_SQL[dialect.newLine]}', columns = {${columns}}, encoding = 'utf-8',
        store_rejects = true, ignore_errors = true, rejects_table = '${rej}', rejects_scan = 'rejscan_${index}', max_line_size = 8388608)`);
      return null;
    } catch (error) {
      return error as Error;
    }
  };

  // structure: the careful line structure (scan.ts), only scanned when the fast check below fails
  let structure: CsvStructure | null = null;
  let lineCount: number | null = null;
  let duckError: Error | null;
  if (readPath !== file.abs) {
    structure = (await scanFile(readPath, {csv, onProgress})).structure!;
    duckError = await duckRead(readPath);
  } else if (encoding === "utf-8") {
    const [scan, error] = await Promise.all([
      scanFile(file.abs, {countLines: dialect.newLine, onProgress}),
      duckRead(file.abs)
    ]);
    bytes = scan.bytes;
    lineCount = scan.lines;
    duckError = error;
    encoding = confirmEncoding(file.path, "utf-8", forced, bytes);
    if (encoding !== "utf-8") {
      await transcodeToUtf8(file.abs, transcoded, encoding);
      readPath = transcoded;
      structure = (await scanFile(readPath, {csv, onProgress})).structure!;
      duckError = await duckRead(readPath);
    }
  } else {
    const scan = await scanFile(file.abs, {csv, onProgress});
    bytes = scan.bytes;
    structure = scan.structure!;
    encoding = confirmEncoding(file.path, encoding, forced, bytes);
    await transcodeToUtf8(file.abs, transcoded, encoding);
    readPath = transcoded;
    duckError = await duckRead(readPath);
  }
  const careful = async (): Promise<CsvStructure> => {
    structure ??= (await scanFile(readPath, {csv})).structure!;
    if (structure.unterminatedLine !== null) {
      fail(
        "truncated",
        file.path,
        `Filen slutter midt i et felt i anførselstegn (åbnet på linje ${structure.unterminatedLine}). Den er sikkert afkortet eller mangler et afsluttende ". Eksportér filen igen.`,
        `The file ends inside a quoted field (opened on line ${structure.unterminatedLine}). It is probably truncated or lacks a closing ". Export the file again.`
      );
    }
    return structure;
  };
  if (structure !== null || duckError) await careful();
  if (duckError) {
    fail(
      "unreadable",
      file.path,
      `Filen kan ikke læses som CSV: ${firstLine(duckError.message)}`,
      `The file cannot be read as CSV: ${firstLine(duckError.message)}`
    );
  }

  const [{n}] = await query<{n: number}>(con, `SELECT count(*) AS n FROM ${raw}`);
  const rejected = await query<{line: number; types: string[]; text: string | null}>(
    con,
    `SELECT line, list(DISTINCT error_type ORDER BY error_type) AS types, any_value(csv_line) AS text FROM ${rej} GROUP BY line ORDER BY line`
  );
  const relation = `src_${index}`;
  // Fast path: as many physical lines as header + rows and nothing rejected means no blank lines
  // and no quoted newlines (each adds a line that is not a row), so line = row index + 2.
  if (structure === null && rejected.length === 0 && lineCount === n + 1) {
    await con.run(`CREATE TEMP VIEW ${relation} AS SELECT rowid + 2 AS _line, * FROM ${raw}`);
    return csvSourceRead();
  }
  const careStructure = await careful();

  // D numbering: header is the first D that is not a blank line
  const blankSet = new Set(careStructure.blank);
  let headerD = 1;
  while (blankSet.has(headerD)) headerD++;
  const multi = careStructure.multi;
  const cumBefore = (d: number) => {
    let s = 0;
    for (const [md, extra] of multi) {
      if (md < d) s += extra;
      else break;
    }
    return s;
  };
  const expected = careStructure.records - 1 - rejected.length;
  if (expected !== n) {
    throw new IngestError(
      "internal",
      file.path,
      `Intern fejl: linjenumre kan ikke bestemmes sikkert (${n} rækker læst, ${expected} forventet). Gem filen som CSV UTF-8 og prøv igen.`,
      `Internal error: line numbers cannot be determined safely (${n} rows read, ${expected} expected). Save the file as CSV UTF-8 and try again.`
    );
  }
  const structural: StructuralReject[] = [];
  let whitespaceLines = 0;
  for (const r of rejected) {
    if ((r.text ?? "").replace(/[\s\u00a0]/g, "") === "") {
      whitespaceLines++;
      continue;
    }
    const line = Number(r.line) + cumBefore(Number(r.line));
    structural.push({line, ...structuralReason(r.types, header.length)});
  }
  const skipD = [...careStructure.blank.filter((d) => d > headerD), ...rejected.map((r) => Number(r.line))].sort(
    (a, b) => a - b
  );
  const base = headerD + 1;
  if (skipD.length === 0 && multi.length === 0) {
    await con.run(`CREATE TEMP VIEW ${relation} AS SELECT rowid + ${base} AS _line, * FROM ${raw}`);
  } else {
    // skip_i: for the j-th skipped D, g = good rows before it; a good row k gets D = k + base + (max j with g <= k) + 1
    const skips = new Map<number, number>();
    skipD.forEach((d, j) => skips.set(d - base - j, j));
    let cum = 0;
    const multiRows = multi.map(([d, extra]) => [d, (cum += extra)] as const);
    await con.run(
      `CREATE TEMP TABLE skip_${index} (g BIGINT, j BIGINT); CREATE TEMP TABLE multi_${index} (d BIGINT, cum BIGINT)`
    );
    await insertPairs(ctx, `skip_${index}`, [...skips]);
    await insertPairs(ctx, `multi_${index}`, multiRows as unknown as [number, number][]);
    await con.run(`CREATE TEMP VIEW ${relation} AS
      WITH k AS (SELECT rowid AS _k, * FROM ${raw}),
      d AS (SELECT k.*, k._k + ${base} + COALESCE(s.j + 1, 0) AS _d FROM k ASOF LEFT JOIN skip_${index} s ON k._k >= s.g)
      SELECT d._d + COALESCE(m.cum, 0) AS _line, d.* EXCLUDE (_k, _d) FROM d ASOF LEFT JOIN multi_${index} m ON d._d > m.d`);
  }
  return csvSourceRead(structural, careStructure.blank.length + whitespaceLines);

  function csvSourceRead(structural: StructuralReject[] = [], blankLines = 0): SourceRead {
    const notes: Note[] = [];
    if (encoding !== "utf-8")
      notes.push({da: `Tegnsæt ${encoding} omkodet til UTF-8`, en: `Encoding ${encoding} converted to UTF-8`});
    if (dialect.trailingDelimiter)
      notes.push({
        da: "Rækkerne ender med et ekstra skilletegn; den tomme sidste kolonne ignoreres",
        en: "Rows end with an extra delimiter; the empty last column is ignored"
      });
    return {
      index,
      file,
      relation,
      header,
      encoding: bomAware(encoding, head),
      delimiter: dialect.delimiter,
      sheet: null,
      sha256: bytes!.sha256,
      rows: n,
      structural,
      blankLines,
      notes,
      trimFree: readPath === file.abs && bytes!.trimFree
    };
  }
}

function bomAware(encoding: Encoding, head: Buffer): string {
  if (encoding === "utf-8" && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8-bom";
  return encoding;
}

function structuralReason(types: string[], fields: number): {rule: string; da: string; en: string} {
  if (types.includes("UNQUOTED VALUE")) {
    return {
      rule: "quotes",
      da: 'Forkert brug af anførselstegn i linjen (et felt i "…" skal slutte med " efterfulgt af skilletegn)',
      en: 'Malformed quotes in the line (a field in "…" must end with " followed by the delimiter)'
    };
  }
  if (types.includes("TOO MANY COLUMNS")) {
    return {
      rule: "fields",
      da: `Linjen har flere felter end overskriften (${fields}); står der et skilletegn i en værdi uden anførselstegn?`,
      en: `The line has more fields than the header (${fields}); is there a delimiter inside an unquoted value?`
    };
  }
  if (types.includes("MISSING COLUMNS")) {
    return {
      rule: "fields",
      da: `Linjen har færre felter end overskriften (${fields})`,
      en: `The line has fewer fields than the header (${fields})`
    };
  }
  if (types.includes("LINE SIZE OVER MAXIMUM")) {
    return {rule: "fields", da: "Linjen er for lang (over 8 MiB)", en: "The line is too long (over 8 MiB)"};
  }
  return {
    rule: "fields",
    da: `Linjen kan ikke læses (${types.join(", ")})`,
    en: `The line cannot be read (${types.join(", ")})`
  };
}

async function insertPairs(ctx: Ctx, table: string, rows: [number, number][]) {
  if (rows.length === 0) return;
  const appender = await ctx.con.createAppender(table);
  for (const [a, b] of rows) {
    appender.appendBigInt(BigInt(a));
    appender.appendBigInt(BigInt(b));
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
}

const firstLine = (message: string) =>
  message
    .split("\n")
    .find((l) => l.trim() !== "")
    ?.replace(/^[A-Za-z ]+Error: /, "") ?? message;

// ---- text sources other than CSV: encoding via a byte scan ------------------

async function textOf(
  ctx: Ctx,
  file: SourceFile,
  index: number
): Promise<{text: string; encoding: Encoding; bytes: ByteScan; readPath: string}> {
  const head = readHead(file.abs);
  if (head.length === 0) {
    fail(
      "empty_file",
      file.path,
      "Filen er tom (0 bytes). Eksportér den igen.",
      "The file is empty (0 bytes). Export it again."
    );
  }
  const forced = ctx.settings.encoding;
  let encoding = encodingFromHead(head, head.length < 1 << 16, forced);
  const {bytes} = await scanFile(file.abs);
  encoding = confirmEncoding(file.path, encoding, forced, bytes);
  const copy = join(ctx.workDir, `src_${index}.json`);
  if (encoding === "utf-8") {
    const text = readFileSync(file.abs, "utf8");
    if (!text.startsWith("\uFEFF")) return {text, encoding, bytes, readPath: file.abs};
    writeFileSync(copy, text.slice(1), "utf8");
    return {text: text.slice(1), encoding, bytes, readPath: copy};
  }
  await transcodeToUtf8(file.abs, copy, encoding);
  return {text: readFileSync(copy, "utf8"), encoding, bytes, readPath: copy};
}

// ---- JSON / NDJSON ----------------------------------------------------------

async function readJson(ctx: Ctx, file: SourceFile, index: number, onHeader: OnHeader): Promise<SourceRead> {
  const {con} = ctx;
  const {text, encoding, bytes, readPath} = await textOf(ctx, file, index);
  const {layout, lines, complete} = jsonRecordLines(text);
  if (!complete) {
    fail(
      "truncated",
      file.path,
      "JSON-filen slutter midt i en værdi (afkortet?). Eksportér den igen.",
      "The JSON file ends inside a value (truncated?). Export it again."
    );
  }
  if (lines.length === 0) fail("no_rows", file.path, "Filen har ingen rækker.", "The file has no rows.");
  const format = layout === "array" ? "array" : "auto";
  let names: string[];
  try {
    const described = await query<{column_name: string}>(
      con,
      `DESCRIBE SELECT * FROM read_json(${sqlPath(readPath)}, format = '${format}', sample_size = -1, maximum_depth = 1)`
    );
    names = described.map((d) => d.column_name);
  } catch (error) {
    fail(
      "unreadable",
      file.path,
      `Filen kan ikke læses som JSON: ${firstLine((error as Error).message)}`,
      `The file cannot be read as JSON: ${firstLine((error as Error).message)}`
    );
  }
  onHeader(names!);
  const raw = `raw_${index}`;
  const columns = names!.map((name) => `${quoteLiteral(name)}: 'VARCHAR'`).join(", ");
  try {
    await con.run(`CREATE TEMP TABLE ${raw} AS SELECT ${names!.map((name, i) => `${quoteIdent(name)} AS c${i}`).join(", ")}
      FROM read_json(${sqlPath(readPath)}, format = '${format}', columns = {${columns}})`);
  } catch (error) {
    fail(
      "unreadable",
      file.path,
      `Filen kan ikke læses som JSON: ${firstLine((error as Error).message)}`,
      `The file cannot be read as JSON: ${firstLine((error as Error).message)}`
    );
  }
  const [{n}] = await query<{n: number}>(con, `SELECT count(*) AS n FROM ${raw}`);
  if (n !== lines.length) {
    throw new IngestError(
      "internal",
      file.path,
      `Intern fejl: ${n} rækker læst, ${lines.length} forventet.`,
      `Internal error: ${n} rows read, ${lines.length} expected.`
    );
  }
  await con.run(`CREATE TEMP TABLE lines_${index} (k BIGINT, line BIGINT)`);
  await insertPairs(
    ctx,
    `lines_${index}`,
    lines.map((line, k) => [k, line])
  );
  await con.run(`CREATE TEMP VIEW src_${index} AS SELECT l.line AS _line, r.* EXCLUDE (_k)
    FROM (SELECT rowid AS _k, * FROM ${raw}) r JOIN lines_${index} l ON l.k = r._k`);
  const notes: Note[] =
    encoding !== "utf-8"
      ? [{da: `Tegnsæt ${encoding} omkodet til UTF-8`, en: `Encoding ${encoding} converted to UTF-8`}]
      : [];
  return {
    index,
    file,
    relation: `src_${index}`,
    header: names!,
    encoding,
    delimiter: null,
    sheet: null,
    sha256: bytes.sha256,
    rows: n,
    structural: [],
    blankLines: 0,
    notes,
    trimFree: false
  };
}

// ---- Parquet ------------------------------------------------------------------

async function readParquet(ctx: Ctx, file: SourceFile, index: number, onHeader: OnHeader): Promise<SourceRead> {
  const {con} = ctx;
  const {bytes} = await scanFile(file.abs);
  if (bytes.bytes === 0)
    fail(
      "empty_file",
      file.path,
      "Filen er tom (0 bytes). Eksportér den igen.",
      "The file is empty (0 bytes). Export it again."
    );
  let names: string[];
  try {
    names = (await query<{column_name: string}>(con, `DESCRIBE SELECT * FROM read_parquet(${sqlPath(file.abs)})`)).map(
      (d) => d.column_name
    );
  } catch (error) {
    fail(
      "unreadable",
      file.path,
      `Filen kan ikke læses som Parquet: ${firstLine((error as Error).message)}`,
      `The file cannot be read as Parquet: ${firstLine((error as Error).message)}`
    );
  }
  onHeader(names!);
  const raw = `raw_${index}`;
  await con.run(`CREATE TEMP TABLE ${raw} AS SELECT file_row_number + 1 AS _line, ${names!.map((name, i) => `CAST(${quoteIdent(name)} AS VARCHAR) AS c${i}`).join(", ")}
    FROM read_parquet(${sqlPath(file.abs)}, file_row_number = true)`);
  await con.run(`CREATE TEMP VIEW src_${index} AS SELECT * FROM ${raw}`);
  const [{n}] = await query<{n: number}>(con, `SELECT count(*) AS n FROM ${raw}`);
  return {
    index,
    file,
    relation: `src_${index}`,
    header: names!,
    encoding: null,
    delimiter: null,
    sheet: null,
    sha256: bytes.sha256,
    rows: n,
    structural: [],
    blankLines: 0,
    notes: [],
    trimFree: false
  };
}

// ---- XLSX -------------------------------------------------------------------------

async function readXlsxSource(ctx: Ctx, file: SourceFile, index: number, onHeader: OnHeader): Promise<SourceRead> {
  const {con} = ctx;
  const {bytes} = await scanFile(file.abs);
  if (bytes.bytes === 0)
    fail(
      "empty_file",
      file.path,
      "Filen er tom (0 bytes). Eksportér den igen.",
      "The file is empty (0 bytes). Export it again."
    );
  const data = await readXlsx(file.abs, file.path, file.table);
  if (data.header.length === 0)
    fail(
      "no_rows",
      file.path,
      "Regnearket har ingen overskrift og ingen rækker.",
      "The spreadsheet has no header and no rows."
    );
  onHeader(data.header);
  const raw = `raw_${index}`;
  await con.run(`CREATE TEMP TABLE ${raw} (_line BIGINT, ${data.header.map((_, i) => `c${i} VARCHAR`).join(", ")})`);
  const appender = await con.createAppender(raw);
  for (const row of data.rows) {
    appender.appendBigInt(BigInt(row.line));
    for (const cell of row.cells) {
      if (cell === null) appender.appendNull();
      else appender.appendVarchar(cell);
    }
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
  await con.run(`CREATE TEMP VIEW src_${index} AS SELECT * FROM ${raw}`);
  const notes: Note[] = [{da: `Ark "${data.sheet}" læst`, en: `Sheet "${data.sheet}" read`}];
  return {
    index,
    file,
    relation: `src_${index}`,
    header: data.header,
    encoding: null,
    delimiter: null,
    sheet: data.sheet,
    sha256: bytes.sha256,
    rows: data.rows.length,
    structural: [],
    blankLines: 0,
    notes,
    trimFree: false
  };
}
