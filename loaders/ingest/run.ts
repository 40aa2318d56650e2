/**
 * The part of a run that ingest and check share: the options, mapping,
 * sources and dataset.json checked before any work, then — in an in-memory
 * DuckDB — reading, staging and validating every source and counting the
 * outcome. It writes nothing outside its work folder; ingest then copies
 * chk_<table> and rej into the warehouse, check only reports.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {CONTRACT_VERSION, TABLE_NAMES, type TableName} from "../contract/contract.ts";
import {quoteLiteral} from "../contract/checks.ts";
import {query} from "../warehouse.ts";
import {datasetOf} from "./dataset.ts";
import {fail} from "./errors.ts";
import {loadMapping, type ResolvedColumn} from "./mapping.ts";
import {tableFromName} from "./names.ts";
import {readSource} from "./read.ts";
import {rejectGroups} from "./report.ts";
import {resolveSources, type SourceFile} from "./sources.ts";
import {buildStaging, checkHeader, ORDER_SHIFT, parseDateOrder, profileSource, type StagedSource} from "./staging.ts";
import {parseEncoding} from "./text.ts";
import type {Ctx, FileSummary, IngestOptions, IngestSummary, Settings} from "./types.ts";
import {TABLE_ORDER, validateTable} from "./validate.ts";

const sqlText = quoteLiteral;

const DELIMITER_OPTIONS: Record<string, string> = {
  ",": ",",
  comma: ",",
  komma: ",",
  ";": ";",
  semicolon: ";",
  semikolon: ";",
  "\t": "\t",
  "\\t": "\t",
  tab: "\t",
  tabulator: "\t",
  "|": "|",
  pipe: "|"
};

function parseOptions(options: IngestOptions) {
  let table: TableName | undefined;
  if (options.table) {
    table =
      tableFromName(options.table) ??
      fail(
        "options",
        null,
        `Ukendt tabel "${options.table}" i --table. Kendte tabeller: ${TABLE_NAMES.join(", ")}.`,
        `Unknown table "${options.table}" in --table. Known tables: ${TABLE_NAMES.join(", ")}.`
      );
  }
  const encoding = options.encoding
    ? (parseEncoding(options.encoding) ??
      fail(
        "options",
        null,
        `Ukendt tegnsæt "${options.encoding}". Brug utf-8, windows-1252 (latin-1) eller utf-16.`,
        `Unknown encoding "${options.encoding}". Use utf-8, windows-1252 (latin-1) or utf-16.`
      ))
    : null;
  const delimiter = options.delimiter
    ? (DELIMITER_OPTIONS[options.delimiter.toLowerCase()] ??
      fail(
        "options",
        null,
        `Ukendt skilletegn "${options.delimiter}". Brug , ; tab eller |.`,
        `Unknown delimiter "${options.delimiter}". Use , ; tab or |.`
      ))
    : null;
  const dateOrder = options.dateFormat
    ? (parseDateOrder(options.dateFormat) ??
      fail(
        "options",
        null,
        `Ukendt datoformat "${options.dateFormat}". Brug dd-mm-yyyy, mm/dd/yyyy eller yyyy-mm-dd.`,
        `Unknown date format "${options.dateFormat}". Use dd-mm-yyyy, mm/dd/yyyy or yyyy-mm-dd.`
      ))
    : null;
  return {table, encoding, delimiter, dateOrder};
}

/** Options, mapping, sources and dataset.json, each checked (fatal on a problem) before any work. */
export function prepare(options: IngestOptions) {
  const {table, encoding, delimiter, dateOrder} = parseOptions(options);
  const mapping = options.mapping ? loadMapping(options.mapping) : {};
  const files = resolveSources(options.sources, {table, exclude: options.mapping ? [options.mapping] : []});
  // what the data are (dataset.json): checked before any work, carried into warehouse_meta
  const dataset = datasetOf(options.sources);
  const settings: Settings = {
    encoding,
    delimiter,
    dateOrder,
    decimalComma: options.decimalComma ? true : null,
    mapping
  };
  return {files, dataset, settings};
}

/** The run's context on a fresh in-memory connection, with the empty rejects table `rej`. */
export async function startWork(
  con: DuckDBConnection,
  workDir: string,
  settings: Settings,
  progress: (line: string) => void,
  progressRows = 200_000
): Promise<Ctx> {
  await con.run(`CREATE TEMP TABLE rej (_o BIGINT, _f INTEGER, _l BIGINT, table_name VARCHAR, column_name VARCHAR, value VARCHAR,
    rule VARCHAR, reason_da VARCHAR, reason_en VARCHAR, _k INTEGER, _ref BIGINT)`);
  return {con, workDir, progress, progressRows, settings};
}

export const mappingSha256Of = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/**
 * Read, stage and validate every source (leaving chk_<table> and rej) and
 * summarise: files, accepted rows per table, rejects grouped by reason.
 */
export async function validateSources(
  ctx: Ctx,
  files: readonly SourceFile[],
  key: Buffer,
  mappingPath?: string
): Promise<Omit<IngestSummary, "db" | "rejects_csv">> {
  // 1. read and profile every source
  const staged: StagedSource[] = [];
  const seconds: number[] = [];
  for (const [i, file] of files.entries()) {
    const t0 = performance.now();
    let columns: ResolvedColumn[] = [];
    const read = await readSource(ctx, file, i, (header) => {
      columns = checkHeader(ctx, file, header);
    });
    const source = await profileSource(ctx, read, columns);
    for (const r of read.structural) {
      await ctx.con
        .run(`INSERT INTO rej VALUES ((${i}::BIGINT << ${ORDER_SHIFT}) | ${r.line}, ${i}, ${r.line}, '${file.table}', NULL, NULL, '${r.rule}',
        ${sqlText(r.da)}, ${sqlText(r.en)}, -1, NULL)`);
    }
    staged.push(source);
    seconds.push((performance.now() - t0) / 1000);
    if (read.rows >= ctx.progressRows) ctx.progress(`${file.path}: ${read.rows.toLocaleString("en")} rows read`);
  }
  const big = staged.reduce((s, x) => s + x.rows, 0) >= ctx.progressRows;
  const step = (line: string) => big && ctx.progress(line);

  // 2. staging tables (typed once); the raw copies go
  step("normalising");
  for (const t of TABLE_ORDER)
    await buildStaging(
      ctx,
      t,
      staged.filter((s) => s.read.file.table === t)
    );

  // 3. validation in reference order
  for (const t of TABLE_ORDER) {
    step(`validating ${t}`);
    await validateTable(ctx, t, key);
    // chk_<table> holds all that is left to write
    await ctx.con.run(`DROP TABLE stg_${t}`);
  }

  // 4. counts per file
  const perFile = new Map(
    (
      await query<{f: number; rows: number}>(ctx.con, `SELECT _f AS f, count(DISTINCT _o) AS rows FROM rej GROUP BY 1`)
    ).map((r) => [r.f, r.rows])
  );
  const fileSummaries: FileSummary[] = staged.map((s, i) => {
    const read = s.rows + s.read.structural.length;
    const rejected = perFile.get(i) ?? 0;
    return {
      path: s.read.file.path,
      table: s.read.file.table,
      format: s.read.file.format,
      encoding: s.read.encoding,
      delimiter: s.read.delimiter,
      decimal_comma: s.read.file.format === "csv" ? s.settings.decimalComma : null,
      date_format: s.dateFormat,
      sheet: s.read.sheet,
      sha256: s.read.sha256,
      rows_read: read,
      rows_accepted: read - rejected,
      rows_rejected: rejected,
      rows_skipped: s.skipped,
      seconds: Math.round(seconds[i] * 1000) / 1000,
      notes: s.notes
    };
  });
  const mappingSha256 = mappingPath ? mappingSha256Of(mappingPath) : null;
  const dataVersion = dataVersionOf(fileSummaries, mappingSha256);
  const ingestedAt = new Date().toISOString();
  const byReason = await rejectGroups(ctx.con, files);
  const [{rows: rejectedRows, problems}] = await query<{rows: number; problems: number}>(
    ctx.con,
    `SELECT count(DISTINCT _o) AS rows, count(*) AS problems FROM rej`
  );
  const accepted = new Map<string, number>();
  for (const f of fileSummaries) accepted.set(f.table, (accepted.get(f.table) ?? 0) + f.rows_accepted);
  return {
    ok: true,
    contract_version: CONTRACT_VERSION,
    data_version: dataVersion,
    ingested_at: ingestedAt,
    seconds: 0,
    files: fileSummaries,
    tables: TABLE_NAMES.map((t) => ({table: t, rows: accepted.get(t) ?? 0})),
    rejects: {rows: rejectedRows, problems, by_reason: byReason}
  };
}

/**
 * The data version: SHA-256 over one line per file — its bytes' SHA-256,
 * then how it was read (table, encoding, delimiter, decimal comma, date
 * format, sheet), tab-separated — sorted, and with --mapping a last line
 * `mapping:<SHA-256 of the mapping file>`. The same bytes read another way
 * (--table, --encoding, --delimiter, --decimal-comma, --date-format, a
 * mapping) give other data, so another version; the same sources and options
 * always give the same version.
 */
export function dataVersionOf(files: readonly FileSummary[], mappingSha256: string | null): string {
  const lines = files.map((f) =>
    [f.sha256, f.table, f.encoding, f.delimiter, f.decimal_comma, f.date_format, f.sheet].map((v) => v ?? "").join("\t")
  );
  return createHash("sha256")
    .update(lines.sort().join("\n") + (mappingSha256 ? `\nmapping:${mappingSha256}` : ""))
    .digest("hex");
}
