/**
 * The ingest: source files → validated, pseudonymised DuckDB warehouse.
 *
 *   sources.ts   which files, which table          read.ts      file → raw VARCHAR rows with line numbers
 *   scan.ts      bytes, encoding, CSV structure    staging.ts   mapping, privacy scan, typed values
 *   validate.ts  checks + warehouse rows in SQL    load.ts      copy to the warehouse + bookkeeping
 *   lock.ts      one run per warehouse             pseudonymise.ts  HMAC key and SQL
 *
 * A run replaces the warehouse with exactly the sources given. It works in
 * an in-memory DuckDB, writes the result to a temp file beside the
 * warehouse and renames it over the old one only on success (then
 * rejects.csv, whose checksum the warehouse records: rejectsCsvBelongs), so
 * a failed or killed run leaves the previous warehouse as it was. Fatal
 * problems throw IngestError.
 */
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {createHash, randomBytes} from "node:crypto";
import {closeSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync} from "node:fs";
import {basename, dirname, join, resolve} from "node:path";
import {CONTRACT_VERSION, TABLE_NAMES, type TableName} from "../contract/contract.ts";
import {openWarehouse, query} from "../warehouse.ts";
import {fail, IngestError} from "./errors.ts";
import {createBookkeeping, createRejects, loadTable, rejectsSelect, writeRejectsCsv} from "./load.ts";
import {acquireLock, pidAlive} from "./lock.ts";
import {loadMapping, type Mapping, type ResolvedColumn} from "./mapping.ts";
import {tableFromName} from "./names.ts";
import {keyId, loadHashKey} from "./pseudonymise.ts";
import {readSource} from "./read.ts";
import {formatSummary, rejectGroups} from "./report.ts";
import {resolveSources} from "./sources.ts";
import {datasetOf} from "./dataset.ts";
import {buildStaging, checkHeader, parseDateOrder, profileSource, type StagedSource} from "./staging.ts";
import {parseEncoding} from "./text.ts";
import type {Ctx, FileSummary, IngestOptions, IngestSummary} from "./types.ts";
import {TABLE_ORDER, validateTable} from "./validate.ts";

export {IngestError} from "./errors.ts";
export type {IngestOptions, IngestSummary, FileSummary} from "./types.ts";

const DELIMITER_OPTIONS: Record<string, string> = {
  ",": ",", "comma": ",", "komma": ",",
  ";": ";", "semicolon": ";", "semikolon": ";",
  "\t": "\t", "\\t": "\t", "tab": "\t", "tabulator": "\t",
  "|": "|", "pipe": "|"
};

function parseOptions(options: IngestOptions) {
  let table: TableName | undefined;
  if (options.table) {
    table = tableFromName(options.table) ?? fail("options", null,
      `Ukendt tabel "${options.table}" i --table. Kendte tabeller: ${TABLE_NAMES.join(", ")}.`,
      `Unknown table "${options.table}" in --table. Known tables: ${TABLE_NAMES.join(", ")}.`);
  }
  const encoding = options.encoding ? parseEncoding(options.encoding) ?? fail("options", null,
    `Ukendt tegnsæt "${options.encoding}". Brug utf-8, windows-1252 (latin-1) eller utf-16.`,
    `Unknown encoding "${options.encoding}". Use utf-8, windows-1252 (latin-1) or utf-16.`) : null;
  const delimiter = options.delimiter ? DELIMITER_OPTIONS[options.delimiter.toLowerCase()] ?? fail("options", null,
    `Ukendt skilletegn "${options.delimiter}". Brug , ; tab eller |.`, `Unknown delimiter "${options.delimiter}". Use , ; tab or |.`) : null;
  const dateOrder = options.dateFormat ? parseDateOrder(options.dateFormat) ?? fail("options", null,
    `Ukendt datoformat "${options.dateFormat}". Brug dd-mm-yyyy, mm/dd/yyyy eller yyyy-mm-dd.`,
    `Unknown date format "${options.dateFormat}". Use dd-mm-yyyy, mm/dd/yyyy or yyyy-mm-dd.`) : null;
  return {table, encoding, delimiter, dateOrder};
}

/** Remove temp files and work folders left by killed runs (their pid is gone). */
function cleanStale(dir: string, base: string) {
  for (const name of readdirSync(dir)) {
    const m = name.startsWith(`.${base}.tmp-`) ? /\.tmp-(\d+)-/.exec(name) : name.startsWith(".ingest-") ? /^\.ingest-(\d+)-/.exec(name) : null;
    if (m && Number(m[1]) !== process.pid && !pidAlive(Number(m[1]))) rmSync(join(dir, name), {recursive: true, force: true});
  }
}

function fsyncPath(path: string) {
  try {
    const fd = openSync(path, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort (directories cannot always be fsynced)
  }
}

export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const db = resolve(options.db);
  const dir = dirname(db);
  const rejectsPath = resolve(options.rejectsPath ?? join(dir, "rejects.csv"));
  const progress = options.onProgress ?? (options.quiet ? () => {} : (line: string) => process.stderr.write(`ingest: ${line}\n`));
  const {table, encoding, delimiter, dateOrder} = parseOptions(options);
  const mapping: Mapping = options.mapping ? loadMapping(options.mapping) : {};
  const files = resolveSources(options.sources, {table, exclude: options.mapping ? [options.mapping] : []});
  // what the data are (dataset.json): checked before any work, carried into warehouse_meta
  const dataset = datasetOf(options.sources);
  const key = loadHashKey();
  mkdirSync(dir, {recursive: true});
  const lock = await acquireLock(db, {wait: options.wait, onWait: (pid) => progress(`waiting for the running ingest (pid ${pid ?? "?"}) to finish`)});
  let instance: DuckDBInstance | null = null;
  let con: DuckDBConnection | null = null;
  const tmpDb = join(dir, `.${basename(db)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  const tmpRejects = `${tmpDb}.rejects.csv`;
  let workDir: string | null = null;
  try {
    cleanStale(dir, basename(db));
    workDir = mkdtempSync(join(dir, `.ingest-${process.pid}-`));
    instance = await DuckDBInstance.create(":memory:", {temp_directory: join(workDir, "duckdb"), preserve_insertion_order: "true"});
    con = await instance.connect();
    const ctx: Ctx = {
      con, workDir, progress, progressRows: options.progressRows ?? 200_000,
      settings: {encoding, delimiter, dateOrder, decimalComma: options.decimalComma ? true : null, mapping}
    };
    await con.run(`CREATE TEMP TABLE rej (_o BIGINT, _f INTEGER, _l BIGINT, table_name VARCHAR, column_name VARCHAR, value VARCHAR,
      rule VARCHAR, reason_da VARCHAR, reason_en VARCHAR, _k INTEGER, _ref BIGINT)`);

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
        await con.run(`INSERT INTO rej VALUES ((${i}::BIGINT << 40) | ${r.line}, ${i}, ${r.line}, '${file.table}', NULL, NULL, '${r.rule}',
          ${sqlText(r.da)}, ${sqlText(r.en)}, -1, NULL)`);
      }
      staged.push(source);
      seconds.push((performance.now() - t0) / 1000);
      if (read.rows >= ctx.progressRows) progress(`${file.path}: ${read.rows.toLocaleString("en")} rows read`);
    }
    const big = staged.reduce((s, x) => s + x.rows, 0) >= ctx.progressRows;
    const step = (line: string) => big && progress(line);

    // 2. staging tables (typed once); the raw copies go
    step("normalising");
    for (const t of TABLE_ORDER) await buildStaging(ctx, t, staged.filter((s) => s.read.file.table === t));

    // 3. validation in reference order
    for (const t of TABLE_ORDER) {
      step(`validating ${t}`);
      await validateTable(ctx, t, key.key);
      // chk_<table> holds all that is left to write
      await con.run(`DROP TABLE stg_${t}`);
    }

    // 4. counts per file
    const perFile = new Map((await query<{f: number; rows: number}>(con, `SELECT _f AS f, count(DISTINCT _o) AS rows FROM rej GROUP BY 1`)).map((r) => [r.f, r.rows]));
    const fileSummaries: FileSummary[] = staged.map((s, i) => {
      const read = s.rows + s.read.structural.length;
      const rejected = perFile.get(i) ?? 0;
      return {
        path: s.read.file.path, table: s.read.file.table, format: s.read.file.format, encoding: s.read.encoding,
        delimiter: s.read.delimiter, decimal_comma: s.read.file.format === "csv" ? s.settings.decimalComma : null,
        date_format: s.dateFormat, sheet: s.read.sheet, sha256: s.read.sha256,
        rows_read: read, rows_accepted: read - rejected, rows_rejected: rejected, rows_skipped: s.skipped,
        seconds: Math.round(seconds[i] * 1000) / 1000, notes: s.notes
      };
    });
    const mappingSha256 = options.mapping ? createHash("sha256").update(readFileSync(options.mapping)).digest("hex") : null;
    const dataVersion = dataVersionOf(fileSummaries, mappingSha256);
    const ingestedAt = new Date().toISOString();
    const byReason = await rejectGroups(con, files);
    const [{rows: rejectedRows, problems}] = await query<{rows: number; problems: number}>(con,
      `SELECT count(DISTINCT _o) AS rows, count(*) AS problems FROM rej`);
    const accepted = new Map<string, number>();
    for (const f of fileSummaries) accepted.set(f.table, (accepted.get(f.table) ?? 0) + f.rows_accepted);
    const summary: IngestSummary = {
      ok: true, db, rejects_csv: rejectsPath, contract_version: CONTRACT_VERSION, data_version: dataVersion, ingested_at: ingestedAt,
      seconds: 0, files: fileSummaries,
      tables: TABLE_NAMES.map((t) => ({table: t, rows: accepted.get(t) ?? 0})),
      rejects: {rows: rejectedRows, problems, by_reason: byReason}
    };

    // 5. --strict: any reject fails the run before anything is written
    if (options.strict && rejectedRows > 0) {
      const failedCsv = rejectsPath.replace(/\.csv$/i, "") + ".failed.csv";
      await writeRejectsCsv(ctx, failedCsv, rejectsSelect(files));
      summary.ok = false;
      summary.rejects_csv = failedCsv;
      summary.seconds = (performance.now() - started) / 1000;
      if (!options.quiet) process.stderr.write(formatSummary(summary).replace(/^/gm, "ingest: ") + "\n");
      const error = new IngestError("strict", null,
        `${rejectedRows} ${rejectedRows === 1 ? "række er afvist" : "rækker er afvist"}, og --strict er sat: lageret er ikke ændret. Afviste rækker: ${failedCsv}`,
        `${rejectedRows} ${rejectedRows === 1 ? "row was" : "rows were"} rejected and --strict is set: the warehouse was not changed. Rejected rows: ${failedCsv}`);
      error.summary = summary;
      throw error;
    }

    // 6. write the warehouse into a temp file, then swap it in
    step("writing the warehouse");
    await con.run(`ATTACH ${sqlText(tmpDb)} AS wh`);
    for (const t of TABLE_NAMES) await loadTable(ctx, t);
    // rejects.csv is written first so that warehouse_meta records its checksum (see rejectsCsvBelongs)
    await createRejects(ctx, files);
    await writeRejectsCsv(ctx, tmpRejects);
    const rejectsSha256 = createHash("sha256").update(readFileSync(tmpRejects)).digest("hex");
    await createBookkeeping(ctx, fileSummaries, {contractVersion: CONTRACT_VERSION, dataVersion, ingestedAt, keyId: keyId(key.key), mappingSha256, rejectsSha256, dataset});
    // the log of researcher exports (loaders/export) outlives a re-ingest: the differencing check of a
    // later export compares with it, so replacing the warehouse must not reset it
    await carryExportLog(con, db);
    const counts = await query<{t: string; n: number}>(con,
      TABLE_NAMES.map((t) => `SELECT '${t}' AS t, count(*) AS n FROM wh.${t}`).join(" UNION ALL "));
    summary.tables = TABLE_NAMES.map((t) => ({table: t, rows: counts.find((c) => c.t === t)!.n}));
    await con.run("CHECKPOINT wh");
    await con.run("DETACH wh");
    con.closeSync();
    instance.closeSync();
    con = null;
    instance = null;
    if (existsSync(`${tmpDb}.wal`)) {
      throw new IngestError("internal", null, "Intern fejl: lageret blev ikke skrevet helt færdigt.", "Internal error: the warehouse was not completely written.");
    }
    fsyncPath(tmpDb);
    fsyncPath(tmpRejects);
    rmSync(`${db}.wal`, {force: true});
    renameSync(tmpDb, db);
    renameSync(tmpRejects, rejectsPath);
    fsyncPath(dir);
    summary.seconds = (performance.now() - started) / 1000;
    if (!options.quiet) process.stderr.write(formatSummary(summary).replace(/^/gm, "ingest: ") + "\n");
    return summary;
  } finally {
    try {
      con?.closeSync();
      instance?.closeSync();
    } catch {
      // closing after a failure
    }
    for (const p of [tmpDb, `${tmpDb}.wal`, tmpRejects]) {
      try {
        if (existsSync(p) && statSync(p).isFile()) unlinkSync(p);
      } catch {
        // best effort
      }
    }
    if (workDir) rmSync(workDir, {recursive: true, force: true});
    lock.release();
  }
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
  const lines = files.map((f) => [f.sha256, f.table, f.encoding, f.delimiter, f.decimal_comma, f.date_format, f.sheet].map((v) => v ?? "").join("\t"));
  return createHash("sha256").update(lines.sort().join("\n") + (mappingSha256 ? `\nmapping:${mappingSha256}` : "")).digest("hex");
}

/**
 * Whether a rejects.csv belongs to a warehouse: its SHA-256 is the warehouse's
 * warehouse_meta.rejects_sha256. The warehouse and rejects.csv are swapped by
 * two renames (warehouse first); a run killed between them leaves the new
 * warehouse beside the previous rejects.csv, which this tells apart (the
 * warehouse's own `rejects` table is always right; the next run replaces both).
 */
export async function rejectsCsvBelongs(db: string, csv = join(dirname(resolve(db)), "rejects.csv")): Promise<boolean> {
  if (!existsSync(csv)) return false;
  const wh = await openWarehouse(resolve(db));
  try {
    const [meta] = await query<{sha: string | null}>(wh.connection, "SELECT rejects_sha256 AS sha FROM warehouse_meta");
    return meta?.sha === createHash("sha256").update(readFileSync(csv)).digest("hex");
  } finally {
    wh.close();
  }
}

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Copy `export_log` from the warehouse being replaced (if it has one) into the new one (attached as wh). */
async function carryExportLog(con: DuckDBConnection, db: string): Promise<void> {
  if (!existsSync(db)) return;
  try {
    await con.run(`ATTACH ${sqlText(db)} AS old_wh (READ_ONLY)`);
  } catch {
    return; // not a readable warehouse: nothing to carry over
  }
  try {
    const [{n}] = await query<{n: number}>(con, "SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = 'old_wh' AND table_name = 'export_log'");
    if (n > 0) await con.run("CREATE TABLE wh.export_log AS SELECT * FROM old_wh.export_log");
  } finally {
    await con.run("DETACH old_wh");
  }
}

